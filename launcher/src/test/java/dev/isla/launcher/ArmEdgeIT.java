package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.ControlPlane;
import dev.isla.controlplane.arm.ArmSettings;
import dev.isla.identity.principal.ServicePrincipal;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenSubject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARM's edge as real clients meet it: the TLS listener (trusted through the exported PKCS12),
 * the login endpoints on it, the built-in principal's client-credentials login, and ARM's 401s
 * for missing, malformed, foreign-signed, expired and wrong-audience tokens.
 */
class ArmEdgeIT {

  @TempDir static Path data;

  private static EdgeFixture fixture;
  private static ControlPlane controlPlane;
  private static ArmEdge edge;
  private static BuiltInPrincipal builtIn;
  private static ArmSettings settings;
  private static HttpClient https;
  private static String httpsBase;
  private static String httpBase;
  private static String secret;

  @BeforeAll
  static void start() throws Exception {
    fixture = new EdgeFixture(data);
    settings = fixture.settings;
    builtIn = fixture.builtIn;
    edge = fixture.edge;
    controlPlane = fixture.controlPlane;
    httpsBase = fixture.httpsBase;
    httpBase = fixture.httpBase;
    https = fixture.http();
    secret = Json.parse(Files.readString(builtIn.credentials())).path("clientSecret").asText();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private String groups(String base) {
    return base + "/subscriptions/" + settings.subscriptionId() + "/resourcegroups?api-version=2021-04-01";
  }

  private static HttpResponse<String> get(String url, Optional<String> token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String login(String resource) throws Exception {
    String form = "grant_type=client_credentials&client_id=" + builtIn.principal().clientId()
        + "&client_secret=" + secret + "&scope=" + URLEncoder.encode(resource + "/.default", StandardCharsets.UTF_8);
    HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(httpsBase + "/adfs/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body()).path("access_token").asText();
  }

  private static void assertRefused(HttpResponse<String> r, String code, String messageStart) {
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode error = Json.parse(r.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).startsWith(messageStart);
    assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString()
        .startsWith("Bearer authorization_uri=\"" + httpsBase + "/\", error=\"invalid_token\"");
  }

  @Test
  void aTokenFromTheBuiltInPrincipalIsAcceptedOverHttps() throws Exception {
    String token = login(httpsBase + "/");
    assertThat(get(groups(httpsBase), Optional.of(token)).statusCode()).isEqualTo(200);
    String azureAudience = login("https://management.core.windows.net/");
    assertThat(get(groups(httpsBase), Optional.of(azureAudience)).statusCode()).isEqualTo(200);
  }

  @Test
  void aMissingHeaderOverHttpsIsArmsAuthenticationFailed() throws Exception {
    assertRefused(get(groups(httpsBase), Optional.empty()), "AuthenticationFailed",
        "Authentication failed. The 'Authorization' header is missing.");
  }

  @Test
  void malformedForeignExpiredAndWrongAudienceTokensAreRefused() throws Exception {
    assertRefused(get(groups(httpsBase), Optional.of("not-a-jwt")), "InvalidAuthenticationToken",
        "The access token is invalid.");
    TokenSubject subject = TokenSubject.of(builtIn.principal());
    String foreign = new TokenIssuer(SigningKey.generate(), Clock.systemUTC())
        .issue(subject, httpsBase + "/", Duration.ofHours(1), "1").accessToken();
    assertRefused(get(groups(httpsBase), Optional.of(foreign)), "InvalidAuthenticationToken",
        "The access token signature is invalid.");
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
    String expired = new TokenIssuer(SigningKey.open(data), past)
        .issue(subject, httpsBase + "/", Duration.ofHours(1), "1").accessToken();
    assertRefused(get(groups(httpsBase), Optional.of(expired)), "ExpiredAuthenticationToken",
        "The access token expiry UTC time '");
    assertRefused(get(groups(httpsBase), Optional.of(login("https://vault.azure.net"))),
        "InvalidAuthenticationTokenAudience",
        "The access token has been obtained for wrong audience or resource 'https://vault.azure.net'.");
  }

  @Test
  void plainLoopbackHttpAdmitsNoHeaderButChecksOneThatIsSent() throws Exception {
    assertThat(get(groups(httpBase), Optional.empty()).statusCode()).isEqualTo(200);
    HttpResponse<String> bad = get(groups(httpBase), Optional.of("not-a-jwt"));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(Json.parse(bad.body()).path("error").path("code").asText()).isEqualTo("InvalidAuthenticationToken");
  }

  @Test
  void cloudMetadataIsAnonymousAndNamesTheHttpsAuthority() throws Exception {
    HttpResponse<String> r = get(httpsBase + "/metadata/endpoints?api-version=2015-01-01", Optional.empty());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.parse(r.body()).path("authentication").path("loginEndpoint").asText())
        .isEqualTo(httpsBase + "/adfs");
  }

  @Test
  void longRunningOperationUrlsUseTheSchemeOfTheListener() throws Exception {
    String token = login(httpsBase + "/");
    HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(httpsBase + "/subscriptions/"
            + settings.subscriptionId() + "/resourcegroups/lro-rg?api-version=2021-04-01"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"location\":\"eastus\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
    HttpResponse<String> delete = https.send(HttpRequest.newBuilder(URI.create(httpsBase + "/subscriptions/"
            + settings.subscriptionId() + "/resourcegroups/lro-rg?api-version=2021-04-01"))
        .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(202);
    assertThat(delete.headers().firstValue("Location")).get().asString().startsWith(httpsBase + "/");
  }

  /** systemData names the token's application; a write over loopback without one names nobody. */
  @Test
  void systemDataNamesTheCallerOfTheTokenAndKeepsTheCreator() throws Exception {
    String token = login(httpsBase + "/");
    String rg = "/subscriptions/" + settings.subscriptionId() + "/resourcegroups/sd-rg";
    String registry = rg + "/providers/Microsoft.ContainerRegistry/registries/sdedgeacr"
        + "?api-version=2025-11-01";
    assertThat(put(httpsBase + rg + "?api-version=2021-04-01", "{\"location\":\"eastus\"}",
        Optional.of(token)).statusCode()).isEqualTo(201);
    HttpResponse<String> created = put(httpsBase + registry, "{\"location\":\"eastus\","
        + "\"sku\":{\"name\":\"Premium\"},\"systemData\":{\"createdBy\":\"mallory\"}}",
        Optional.of(token));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode data = Json.parse(created.body()).path("systemData");
    assertThat(data.path("createdBy").asText()).isEqualTo(builtIn.principal().clientId());
    assertThat(data.path("createdByType").asText()).isEqualTo("Application");
    assertThat(data.path("lastModifiedBy").asText()).isEqualTo(builtIn.principal().clientId());
    assertThat(Instant.parse(data.path("createdAt").asText())).isBeforeOrEqualTo(Instant.now());

    awaitSucceeded(httpBase + registry);
    HttpResponse<String> anonymous = put(httpBase + registry,
        "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"},\"tags\":{\"a\":\"b\"}}",
        Optional.empty());
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(200);
    JsonNode after = Json.parse(anonymous.body()).path("systemData");
    assertThat(after.path("createdBy").asText()).isEqualTo(builtIn.principal().clientId());
    assertThat(after.path("createdAt").asText()).isEqualTo(data.path("createdAt").asText());
    // The token-less loopback listener acts as the instance's built-in principal.
    assertThat(after.path("lastModifiedBy").asText()).isEqualTo(builtIn.principal().clientId());
    assertThat(after.path("lastModifiedByType").asText()).isEqualTo("Application");
    assertThat(after.path("lastModifiedAt").asText()).isGreaterThanOrEqualTo(data.path("lastModifiedAt").asText());
  }

  private static void awaitSucceeded(String url) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (Json.parse(get(url, Optional.empty()).body()).path("properties")
          .path("provisioningState").asText().equals("Succeeded")) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("not Succeeded in 5 s: " + url);
  }

  private static HttpResponse<String> put(String url, String body, Optional<String> token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return (url.startsWith("https") ? https : HttpClient.newHttpClient())
        .send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theBuiltInPrincipalIsOwnerOfTheSubscriptionAndItsSecretIsOnlyInTheCredentialsFile() throws Exception {
    HttpResponse<String> r = get(httpsBase + "/subscriptions/" + settings.subscriptionId()
        + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter="
        + URLEncoder.encode("principalId eq '" + builtIn.principal().objectId() + "'", StandardCharsets.UTF_8),
        Optional.of(login(httpsBase + "/")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(Json.parse(r.body()).path("value").get(0).path("properties").path("roleDefinitionId").asText())
        .endsWith("/8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(builtIn.credentials())))
        .isEqualTo("rw-------");
    assertThat(Files.readString(data.resolve("identity/builtin-sp.json"))).doesNotContain(secret);
    ServicePrincipal again = BuiltInPrincipal.open(data, settings.tenantId(), settings.subscriptionId()).principal();
    assertThat(again.clientId()).isEqualTo(builtIn.principal().clientId());
    assertThat(again.secret().matches(secret)).isTrue();
  }
}
