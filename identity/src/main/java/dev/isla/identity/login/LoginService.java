package dev.isla.identity.login;

import dev.isla.identity.principal.ManagedIdentity;
import dev.isla.identity.principal.PrincipalDirectory;
import dev.isla.identity.principal.PrincipalDirectory.IdentitySelector;
import dev.isla.identity.principal.ServicePrincipal;
import dev.isla.identity.token.IssuedToken;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenSubject;
import java.util.Optional;

/**
 * Token issuance as a plain API, behind the HTTP endpoints: the client-credentials grant for
 * service principals and tokens for managed identities. Checks follow Azure AD's order — the
 * client exists in the tenant, its secret matches, the resource is known — and refusals are
 * {@link OAuthException}s with Azure AD's codes. Secrets are compared with their stored hash and
 * never logged.
 */
public final class LoginService {

  private final PrincipalDirectory directory;
  private final TokenIssuer issuer;
  private final LoginSettings settings;

  public LoginService(PrincipalDirectory directory, TokenIssuer issuer, LoginSettings settings) {
    this.directory = directory;
    this.issuer = issuer;
    this.settings = settings;
  }

  /** A managed identity's token, with the identity it was issued to. */
  public record ManagedIdentityToken(IssuedToken token, ManagedIdentity identity) {}

  /**
   * The client-credentials grant.
   *
   * @param tenant the tenant of the authority URL; empty for the ADFS-style authority, which
   *     serves every tenant
   */
  public IssuedToken clientCredentials(Optional<String> tenant, String clientId,
      Optional<String> clientSecret, String resource) {
    String directoryName = tenant.orElse("adfs");
    ServicePrincipal principal = directory.servicePrincipal(clientId)
        .filter(p -> tenant.map(t -> t.equalsIgnoreCase(p.tenantId())).orElse(true))
        .orElseThrow(() -> OAuthException.of(OAuthError.UNKNOWN_CLIENT, clientId, directoryName));
    String secret = clientSecret.filter(s -> !s.isEmpty())
        .orElseThrow(() -> OAuthException.of(OAuthError.MISSING_CLIENT_SECRET));
    if (!principal.secret().matches(secret)) {
      throw OAuthException.of(OAuthError.INVALID_CLIENT_SECRET, principal.clientId());
    }
    requireKnown(resource, principal.tenantId());
    return issuer.issue(TokenSubject.of(principal), resource, TokenIssuer.LOGIN_LIFETIME, "1");
  }

  /** A token for the managed identity {@code selector} names, for {@code resource}. */
  public ManagedIdentityToken managedIdentity(IdentitySelector selector, String resource) {
    ManagedIdentity identity = directory.managedIdentity(selector)
        .orElseThrow(() -> OAuthException.of(OAuthError.IMDS_IDENTITY_NOT_FOUND));
    requireKnown(resource, identity.tenantId());
    IssuedToken token = issuer.issue(TokenSubject.of(identity), resource,
        TokenIssuer.MANAGED_IDENTITY_LIFETIME, "2");
    return new ManagedIdentityToken(token, identity);
  }

  private void requireKnown(String resource, String tenantId) {
    if (!settings.knows(resource)) {
      throw OAuthException.of(OAuthError.UNKNOWN_RESOURCE, resource, tenantId);
    }
  }
}
