package dev.isla.identity.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.identity.token.IssuedToken;
import dev.isla.identity.token.Jwks;
import dev.isla.identity.token.SigningKey;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The login authority ({@code az cloud register --endpoint-active-directory}, the Java SDK's
 * {@code authorityHost}), mounted at the root of a TLS listener:
 * <ul>
 *   <li>ADFS-style, for MSAL Python (az 2.45), which skips instance discovery for an authority
 *       ending in {@code /adfs}: {@code GET /adfs/.well-known/openid-configuration}, then
 *       {@code POST /adfs/oauth2/token} (research/emulators.md §2.3);
 *   <li>Azure AD v2 and v1 per tenant, for MSAL4J ({@code ClientSecretCredential}):
 *       {@code POST /{tenant}/oauth2/v2.0/token} (scope {@code <resource>/.default}),
 *       {@code POST /{tenant}/oauth2/token} (resource), the OpenID documents, and
 *       {@code GET /common/discovery/instance} for clients that still ask;
 *   <li>the signing keys at every {@code jwks_uri}.
 * </ul>
 * Only the client-credentials grant is served (client secret in the body or HTTP Basic).
 */
public final class LoginEndpoints implements HttpService {

  private static final List<String> OIDC_SCOPES = List.of("openid", "profile", "offline_access", "email");

  private final LoginService login;
  private final List<SigningKey> keys;

  public LoginEndpoints(LoginService login, List<SigningKey> keys) {
    this.login = login;
    this.keys = List.copyOf(keys);
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/adfs/.well-known/openid-configuration", (req, res) -> send(res, Discovery.adfs(Forms.baseUrl(req))))
        .post("/adfs/oauth2/token", (req, res) -> token(req, res, Optional.empty(), true))
        .post("/adfs/oauth2/token/", (req, res) -> token(req, res, Optional.empty(), true))
        .post("/adfs/oauth2/v2.0/token", (req, res) -> token(req, res, Optional.empty(), true))
        .get("/adfs/discovery/keys", this::jwks)
        .get("/common/discovery/instance", (req, res) -> send(res, Discovery.instance(Forms.baseUrl(req),
            Forms.query(req, "authorization_endpoint"))))
        .get("/discovery/keys", this::jwks)
        .get("/{tenant}/v2.0/.well-known/openid-configuration",
            (req, res) -> send(res, Discovery.tenant(Forms.baseUrl(req), tenant(req), true)))
        .get("/{tenant}/.well-known/openid-configuration",
            (req, res) -> send(res, Discovery.tenant(Forms.baseUrl(req), tenant(req), false)))
        .get("/{tenant}/discovery/v2.0/keys", this::jwks)
        .get("/{tenant}/discovery/keys", this::jwks)
        .post("/{tenant}/oauth2/v2.0/token", (req, res) -> token(req, res, Optional.of(tenant(req)), true))
        .post("/{tenant}/oauth2/token", (req, res) -> token(req, res, Optional.of(tenant(req)), false));
  }

  private void token(ServerRequest req, ServerResponse res, Optional<String> tenant, boolean v2) {
    try {
      Map<String, String> form = Forms.read(req);
      String grant = Forms.value(form, "grant_type")
          .orElseThrow(() -> OAuthException.of(OAuthError.MISSING_PARAMETER, "grant_type"));
      if (!grant.equals("client_credentials")) {
        throw OAuthException.of(OAuthError.UNSUPPORTED_GRANT_TYPE, grant);
      }
      Optional<String[]> basic = basicCredentials(req);
      String clientId = Forms.value(form, "client_id").or(() -> basic.map(b -> b[0]))
          .orElseThrow(() -> OAuthException.of(OAuthError.MISSING_PARAMETER, "client_id"));
      Optional<String> secret = Forms.value(form, "client_secret").or(() -> basic.map(b -> b[1]));
      Optional<String> scope = Forms.value(form, "scope");
      Optional<String> resource = Forms.value(form, "resource");
      if (scope.isPresent()) {
        String requested = resourceOfScope(scope.get());
        send(res, v2Body(login.clientCredentials(tenant, clientId, secret, requested)));
      } else if (resource.isPresent() && !(v2 && tenant.isPresent())) {
        send(res, v1Body(login.clientCredentials(tenant, clientId, secret, resource.get())));
      } else if (v2) {
        throw OAuthException.of(OAuthError.MISSING_SCOPE);
      } else {
        throw OAuthException.of(OAuthError.MISSING_PARAMETER, "resource");
      }
    } catch (OAuthException e) {
      OAuthResponses.aadError(req, res, e);
    }
  }

  /** {@code openid offline_access https://x//.default} names the resource {@code https://x/}. */
  static String resourceOfScope(String scope) {
    List<String> rest = java.util.Arrays.stream(scope.trim().split("\\s+"))
        .filter(s -> !OIDC_SCOPES.contains(s)).toList();
    if (rest.size() != 1 || !rest.getFirst().endsWith("/.default")) {
      throw OAuthException.of(OAuthError.INVALID_SCOPE, scope);
    }
    String s = rest.getFirst();
    return s.substring(0, s.length() - "/.default".length());
  }

  private static ObjectNode v2Body(IssuedToken token) {
    return Json.object().put("token_type", "Bearer").put("expires_in", token.expiresInSeconds())
        .put("ext_expires_in", token.expiresInSeconds()).put("access_token", token.accessToken());
  }

  private static ObjectNode v1Body(IssuedToken token) {
    String expiresIn = Long.toString(token.expiresInSeconds());
    return Json.object().put("token_type", "Bearer").put("expires_in", expiresIn)
        .put("ext_expires_in", expiresIn)
        .put("expires_on", Long.toString(token.expiresOn().getEpochSecond()))
        .put("not_before", Long.toString(token.issuedAt().getEpochSecond()))
        .put("resource", token.audience()).put("access_token", token.accessToken());
  }

  private static Optional<String[]> basicCredentials(ServerRequest req) {
    return req.headers().first(HeaderNames.AUTHORIZATION)
        .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
        .map(h -> {
          try {
            return new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            return "";
          }
        })
        .filter(s -> s.indexOf(':') > 0)
        .map(s -> new String[] {decode(s.substring(0, s.indexOf(':'))), decode(s.substring(s.indexOf(':') + 1))});
  }

  private static String decode(String text) {
    return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private void jwks(ServerRequest req, ServerResponse res) {
    send(res, Jwks.document(keys));
  }

  private static String tenant(ServerRequest req) {
    return req.path().pathParameters().get("tenant");
  }

  private static void send(ServerResponse res, ObjectNode body) {
    OAuthResponses.json(res, 200, body);
  }
}
