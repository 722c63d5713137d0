package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.Json;
import dev.isla.identity.acr.AcrScope;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.identity.login.LoginSettings;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenSubject;
import dev.isla.identity.token.TokenVerifier;
import dev.isla.launcher.adapt.StoreRegistryPermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials of the access matrix's principals: a node's, as it gets them (its kubelet
 * identity's token from IMDS, then ACR's token flow), an identity's ARM token as the login
 * endpoint issues it, and the flawed tokens (expired, signed by another key, for another registry
 * or audience), made the way Isla makes tokens, with the flaw.
 */
final class AccessCredentials {

  private final AccessWorld world;

  AccessCredentials(AccessWorld world) {
    this.world = world;
  }

  /**
   * The registry credential as a node gets it: its kubelet identity's token from IMDS, then the
   * ACR token flow over the node's connection; or a flawed token.
   */
  AccessClient.Token registryToken(AccessMatrixIT.Credential credential, String identity, String nodeId, AccessClient.Connections node,
      String login, String scope) throws Exception {
    String tenant = world.settings.tenantId();
    return switch (credential) {
      case NONE -> new AccessClient.Token(Optional.empty(), Optional.empty());
      case ROLE -> AccessClient.acrToken(node, login, imdsToken(nodeId), tenant, scope);
      case EXPIRED -> minted(identity, world.key, past(), login, scope);
      case FOREIGN_KEY -> minted(identity, SigningKey.generate(), world.clock, login, scope);
      case OTHER_AUDIENCE -> minted(identity, world.key, world.clock, "otheracr.azurecr.io", scope);
    };
  }

  /** An ACR access token made as the registry's token service makes it, with the flaw of the row. */
  AccessClient.Token minted(String identity, SigningKey key, Clock clock, String service, String scope) {
    AcrTokenService service0 = new AcrTokenService(key, new TokenVerifier(List.of(key), clock),
        new StoreRegistryPermissions(world.store), Set.copyOf(LoginSettings.AZURE_RESOURCES), clock);
    String refresh = service0.exchange(aad(identity, "https://containerregistry.azure.net",
        new TokenIssuer(key, clock)), service, Optional.empty());
    return new AccessClient.Token(Optional.of(service0.token(refresh, service,
        List.of(AcrScope.parse(scope))).token()), Optional.empty());
  }

  Optional<String> armToken(AccessMatrixIT.Credential credential, String identity) {
    String arm = "https://management.azure.com/";
    return switch (credential) {
      case NONE -> Optional.empty();
      case ROLE -> Optional.of(aad(identity, arm, new TokenIssuer(world.key, world.clock)));
      case EXPIRED -> Optional.of(aad(identity, arm, new TokenIssuer(world.key, past())));
      case FOREIGN_KEY -> Optional.of(aad(identity, arm, new TokenIssuer(SigningKey.generate(), world.clock)));
      case OTHER_AUDIENCE -> Optional.of(aad(identity, "https://containerregistry.azure.net",
          new TokenIssuer(world.key, world.clock)));
    };
  }

  /** The node's kubelet identity token for ACR, from IMDS through the fabric. */
  String imdsToken(String nodeId) throws Exception {
    RawHttp.Response r = RawHttp.send(world.toImds(nodeId), "GET", "/metadata/identity/oauth2/token"
        + "?api-version=2018-02-01&resource=https://containerregistry.azure.net",
        Map.of("Host", "169.254.169.254", "Metadata", "true"), new byte[0]);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return Json.parse(r.text()).path("access_token").asText();
  }

  /** An Azure AD token for the identity, as the login endpoint or IMDS issues it. */
  String aad(String identity, String audience, TokenIssuer issuer) {
    String[] ids = world.identities.get(identity);
    return issuer.issue(new TokenSubject(ids[0], world.settings.tenantId(), ids[1], Optional.empty()),
        audience, Duration.ofHours(1), "1").accessToken();
  }

  static Clock past() {
    return Clock.fixed(Instant.now().minus(Duration.ofHours(5)), ZoneOffset.UTC);
  }
}
