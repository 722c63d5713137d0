package dev.isla.identity.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.identity.login.LoginService.ManagedIdentityToken;
import dev.isla.identity.principal.PrincipalDirectory.IdentitySelector;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Managed-identity token endpoints (plain HTTP is fine: clients send no secret of their own).
 * Which identities are reachable is decided by the {@link LoginService}'s directory, so a node's
 * endpoint is built over a directory holding that node's identities only.
 * <ul>
 *   <li>IMDS: {@code GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=…
 *       [&client_id|object_id|principal_id|mi_res_id|msi_res_id=…]} with {@code Metadata: true};
 *   <li>az 2.45's {@code MSI_ENDPOINT} route: {@code POST} to the same path, form
 *       {@code resource=…}, header {@code Metadata: true} (research/emulators.md §2.3);
 *   <li>App Service ({@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER}): {@code GET /msi/token?
 *       api-version=2019-08-01&resource=…} with {@code X-IDENTITY-HEADER}, when an identity
 *       header is configured.
 * </ul>
 * Answers carry every time as a string of epoch seconds, as IMDS does; errors are
 * {@code {"error","error_description"}} with status 400 (401 for a wrong identity header).
 */
public final class ManagedIdentityEndpoints implements HttpService {

  /** The IMDS path, also the path to put in {@code MSI_ENDPOINT}. */
  public static final String IMDS_PATH = "/metadata/identity/oauth2/token";
  /** The App Service path, for {@code IDENTITY_ENDPOINT}. */
  public static final String APP_SERVICE_PATH = "/msi/token";

  private static final Pattern API_VERSION = Pattern.compile("20\\d\\d-\\d\\d-\\d\\d");

  private final LoginService login;
  private final Optional<String> identityHeader;

  public ManagedIdentityEndpoints(LoginService login, LoginSettings settings) {
    this.login = login;
    this.identityHeader = settings.identityHeader();
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get(IMDS_PATH, (req, res) -> imds(req, res, name -> Forms.query(req, name), true))
        .post(IMDS_PATH, (req, res) -> {
          Map<String, String> form = Forms.read(req);
          imds(req, res, name -> Forms.value(form, name).or(() -> Forms.query(req, name)), false);
        });
    if (identityHeader.isPresent()) {
      rules.get(APP_SERVICE_PATH, this::appService);
    }
  }

  private void imds(ServerRequest req, ServerResponse res, Function<String, Optional<String>> param,
      boolean apiVersionRequired) {
    try {
      if (!req.headers().first(HeaderNames.create("Metadata")).map("true"::equalsIgnoreCase).orElse(false)) {
        throw OAuthException.of(OAuthError.IMDS_METADATA_HEADER);
      }
      if (apiVersionRequired) {
        requireApiVersion(param.apply("api-version"));
      }
      String resource = param.apply("resource").orElseThrow(() -> OAuthException.of(OAuthError.IMDS_AUDIENCE));
      ManagedIdentityToken t = login.managedIdentity(selector(param), resource);
      String expiresIn = Long.toString(t.token().expiresInSeconds());
      ObjectNode body = Json.object().put("access_token", t.token().accessToken())
          .put("client_id", t.identity().clientId()).put("expires_in", expiresIn)
          .put("expires_on", Long.toString(t.token().expiresOn().getEpochSecond()))
          .put("ext_expires_in", expiresIn)
          .put("not_before", Long.toString(t.token().issuedAt().getEpochSecond()))
          .put("resource", t.token().audience()).put("token_type", "Bearer");
      OAuthResponses.json(res, 200, body);
    } catch (OAuthException e) {
      OAuthResponses.managedIdentityError(res, e);
    }
  }

  private void appService(ServerRequest req, ServerResponse res) {
    try {
      String presented = req.headers().first(HeaderNames.create("X-IDENTITY-HEADER"))
          .orElseThrow(() -> OAuthException.of(OAuthError.IDENTITY_HEADER_MISSING));
      if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
          identityHeader.orElseThrow().getBytes(StandardCharsets.UTF_8))) {
        throw OAuthException.of(OAuthError.IDENTITY_HEADER_WRONG);
      }
      requireApiVersion(Forms.query(req, "api-version"));
      String resource = Forms.query(req, "resource")
          .orElseThrow(() -> OAuthException.of(OAuthError.IMDS_AUDIENCE));
      ManagedIdentityToken t = login.managedIdentity(selector(name -> Forms.query(req, name)), resource);
      OAuthResponses.json(res, 200, Json.object().put("access_token", t.token().accessToken())
          .put("expires_on", Long.toString(t.token().expiresOn().getEpochSecond()))
          .put("resource", t.token().audience()).put("token_type", "Bearer")
          .put("client_id", t.identity().clientId()));
    } catch (OAuthException e) {
      OAuthResponses.managedIdentityError(res, e);
    }
  }

  private static void requireApiVersion(Optional<String> apiVersion) {
    String v = apiVersion.orElseThrow(() -> OAuthException.of(OAuthError.IMDS_API_VERSION));
    // IMDS' identity endpoint exists from 2018-02-01 on; older or malformed versions are refused.
    if (!API_VERSION.matcher(v).matches() || v.compareTo("2018-02-01") < 0) {
      throw OAuthException.of(OAuthError.IMDS_BAD_API_VERSION, v);
    }
  }

  static IdentitySelector selector(Function<String, Optional<String>> param) {
    return param.apply("client_id").<IdentitySelector>map(IdentitySelector.ByClientId::new)
        .or(() -> param.apply("object_id").or(() -> param.apply("principal_id"))
            .map(IdentitySelector.ByObjectId::new))
        .or(() -> param.apply("mi_res_id").or(() -> param.apply("msi_res_id"))
            .map(IdentitySelector.ByResourceId::new))
        .orElseGet(IdentitySelector.Default::new);
  }
}
