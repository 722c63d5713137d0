package dev.isla.identity.login;

import static dev.isla.identity.login.IdentityTestServer.APP_ID;
import static dev.isla.identity.login.IdentityTestServer.APP_OBJECT_ID;
import static dev.isla.identity.login.IdentityTestServer.SECRET;
import static dev.isla.identity.login.IdentityTestServer.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.identity.login.IdentityTestServer.Reply;
import dev.isla.identity.token.TokenClaims;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginEndpointsIT {

  @TempDir static Path data;
  static IdentityTestServer server;
  static String arm;

  @BeforeAll
  static void start() throws Exception {
    server = new IdentityTestServer(data, List.of("https://127.0.0.1:8443/"));
    arm = "https://127.0.0.1:8443/";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void adfsDiscoveryNamesTheTokenEndpointOnThisHost() throws Exception {
    Reply r = server.get("/adfs/.well-known/openid-configuration");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("token_endpoint").asText()).isEqualTo(server.base() + "/adfs/oauth2/token");
    assertThat(r.json().path("authorization_endpoint").asText()).isEqualTo(server.base() + "/adfs/oauth2/authorize");
    assertThat(r.json().path("issuer").asText()).isEqualTo(server.base() + "/adfs");
  }

  @Test
  void adfsClientCredentialsAsMsalPythonSendsThem() throws Exception {
    Reply r = server.postForm("/adfs/oauth2/token", msalPythonForm(APP_ID, SECRET, "https://127.0.0.1:8443//.default"),
        "x-client-sku", "MSAL.Python", "x-client-ver", "1.21.0");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("token_type").asText()).isEqualTo("Bearer");
    assertThat(r.json().path("expires_in").isNumber()).isTrue();
    assertThat(r.json().path("expires_in").asLong()).isBetween(3500L, 3600L);
    TokenClaims claims = server.verifier.verify(r.json().path("access_token").asText(), Set.of(arm));
    assertThat(claims.audience()).isEqualTo(arm);
    assertThat(claims.appId()).isEqualTo(APP_ID);
    assertThat(claims.objectId()).isEqualTo(APP_OBJECT_ID);
    assertThat(claims.tenantId()).isEqualTo(TENANT);
  }

  @Test
  void v2TokenAsMsal4jSendsIt() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_info", "1");
    form.put("grant_type", "client_credentials");
    form.put("scope", "openid profile offline_access https://127.0.0.1:8443//.default");
    form.put("client_id", APP_ID);
    form.put("client_secret", SECRET);

    Reply r = server.postForm("/" + TENANT + "/oauth2/v2.0/token", form);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("ext_expires_in").asLong()).isPositive();
    assertThat(server.verifier.verify(r.json().path("access_token").asText(), Set.of(arm)).tenantId())
        .isEqualTo(TENANT);
  }

  @Test
  void v1TokenWithResourceAnswersStrings() throws Exception {
    Map<String, String> form = Map.of("grant_type", "client_credentials", "client_id", APP_ID,
        "client_secret", SECRET, "resource", "https://management.core.windows.net/");

    Reply r = server.postForm("/" + TENANT + "/oauth2/token", form);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("expires_in").isTextual()).isTrue();
    assertThat(r.json().path("expires_on").asText()).matches("\\d+");
    assertThat(r.json().path("resource").asText()).isEqualTo("https://management.core.windows.net/");
  }

  @Test
  void basicClientAuthenticationIsAccepted() throws Exception {
    String basic = java.util.Base64.getEncoder().encodeToString((APP_ID + ":" + SECRET).getBytes());

    Reply r = server.postForm("/" + TENANT + "/oauth2/v2.0/token",
        Map.of("grant_type", "client_credentials", "scope", "https://management.azure.com/.default"),
        "Authorization", "Basic " + basic);

    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void wrongSecretIsInvalidClient401() throws Exception {
    Reply r = server.postForm("/adfs/oauth2/token", msalPythonForm(APP_ID, "wrong", arm + "/.default"));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("error").asText()).isEqualTo("invalid_client");
    assertThat(r.json().path("error_codes").get(0).asInt()).isEqualTo(7000215);
    assertThat(r.json().path("error_description").asText()).startsWith(
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is"
            + " the client secret value, not the client secret ID, for a secret added to app '" + APP_ID + "'.")
        .contains("\r\nTrace ID: ").contains("\r\nCorrelation ID: ").doesNotContain("wrong");
  }

  @Test
  void unknownClientIsUnauthorizedClient400() throws Exception {
    Reply r = server.postForm("/" + TENANT + "/oauth2/v2.0/token",
        msalPythonForm("11111111-2222-3333-4444-555555555555", SECRET, arm + "/.default"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").asText()).isEqualTo("unauthorized_client");
    assertThat(r.json().path("error_codes").get(0).asInt()).isEqualTo(700016);
    assertThat(r.json().path("error_description").asText()).startsWith("AADSTS700016: Application with"
        + " identifier '11111111-2222-3333-4444-555555555555' was not found in the directory '" + TENANT + "'.");
  }

  @Test
  void aClientOfAnotherTenantIsUnknownHere() throws Exception {
    Reply r = server.postForm("/00000000-0000-0000-0000-00000000beef/oauth2/v2.0/token",
        msalPythonForm(APP_ID, SECRET, arm + "/.default"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error_codes").get(0).asInt()).isEqualTo(700016);
  }

  @Test
  void missingSecretIsInvalidClient401() throws Exception {
    Reply r = server.postForm("/" + TENANT + "/oauth2/v2.0/token", Map.of("grant_type",
        "client_credentials", "client_id", APP_ID, "scope", arm + "/.default"));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("error_codes").get(0).asInt()).isEqualTo(7000218);
  }

  @Test
  void unknownResourceIsInvalidResource() throws Exception {
    Reply r = server.postForm("/adfs/oauth2/token", msalPythonForm(APP_ID, SECRET, "https://nowhere.example/.default"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").asText()).isEqualTo("invalid_resource");
    assertThat(r.json().path("error_description").asText())
        .startsWith("AADSTS500011: The resource principal named https://nowhere.example was not found in the tenant named " + TENANT + ".");
  }

  @Test
  void scopeWithoutDefaultIsInvalidScope() throws Exception {
    Reply r = server.postForm("/adfs/oauth2/token", msalPythonForm(APP_ID, SECRET, "https://management.azure.com/user_impersonation"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").asText()).isEqualTo("invalid_scope");
  }

  @Test
  void otherGrantsAndMissingParametersAreRefused() throws Exception {
    Reply grant = server.postForm("/adfs/oauth2/token", Map.of("grant_type", "password", "client_id", APP_ID));
    Reply noClient = server.postForm("/adfs/oauth2/token", Map.of("grant_type", "client_credentials"));
    Reply noScope = server.postForm("/" + TENANT + "/oauth2/v2.0/token",
        Map.of("grant_type", "client_credentials", "client_id", APP_ID, "client_secret", SECRET));

    assertThat(grant.status()).isEqualTo(400);
    assertThat(grant.json().path("error").asText()).isEqualTo("unsupported_grant_type");
    assertThat(noClient.json().path("error_description").asText())
        .startsWith("AADSTS900144: The request body must contain the following parameter: 'client_id'.");
    assertThat(noScope.json().path("error_codes").get(0).asInt()).isEqualTo(90014);
  }

  @Test
  void tenantDiscoveryAndInstanceDiscovery() throws Exception {
    Reply v2 = server.get("/" + TENANT + "/v2.0/.well-known/openid-configuration");
    Reply instance = server.get("/common/discovery/instance?api-version=1.1&authorization_endpoint="
        + server.base() + "/" + TENANT + "/oauth2/v2.0/authorize");

    assertThat(v2.json().path("token_endpoint").asText()).isEqualTo(server.base() + "/" + TENANT + "/oauth2/v2.0/token");
    assertThat(v2.json().path("issuer").asText()).isEqualTo(server.base() + "/" + TENANT + "/v2.0");
    assertThat(instance.json().path("tenant_discovery_endpoint").asText())
        .isEqualTo(server.base() + "/" + TENANT + "/v2.0/.well-known/openid-configuration");
  }

  @Test
  void jwksPublishesTheSigningKey() throws Exception {
    Reply r = server.get("/" + TENANT + "/discovery/v2.0/keys");

    assertThat(r.json().path("keys").get(0).path("kid").asText()).isEqualTo(server.key.keyId());
  }

  static Map<String, String> msalPythonForm(String clientId, String secret, String scope) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", clientId);
    form.put("grant_type", "client_credentials");
    form.put("client_info", "1");
    form.put("client_secret", secret);
    form.put("claims", "{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}");
    form.put("scope", scope);
    return form;
  }
}
