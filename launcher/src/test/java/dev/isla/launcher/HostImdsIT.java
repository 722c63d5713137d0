package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.ControlPlane;
import dev.isla.controlplane.arm.ArmSettings;
import dev.isla.controlplane.port.DataPlane;
import dev.isla.controlplane.store.MemoryResourceStore;
import dev.isla.identity.ca.LocalCa;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenClaims;
import dev.isla.identity.token.TokenVerifier;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's managed-identity endpoint as az 2.45 uses it ({@code POST MSI_ENDPOINT}, form
 * {@code resource=…[&client_id|object_id|msi_res_id=…]}, {@code Metadata: true}): the
 * system-assigned identity (the built-in principal) by default, user-assigned identities of the
 * control plane by each selector; the tokens carry the identity's {@code oid} and the HTTPS ARM
 * listener accepts them; unknown or deleted identities and foreign resources get IMDS' 400s.
 */
class HostImdsIT {

  @TempDir static Path data;

  private static ControlPlane controlPlane;
  private static ArmEdge edge;
  private static BuiltInPrincipal builtIn;
  private static ArmSettings settings;
  private static HttpClient http;
  private static String httpsBase;
  private static String httpBase;

  @BeforeAll
  static void start() throws Exception {
    settings = ArmSettings.defaults();
    IslaConfig config = new IslaConfig(data, "127.0.0.1", 0, Duration.ofMillis(10), Duration.ofMillis(10));
    MemoryResourceStore store = new MemoryResourceStore();
    builtIn = BuiltInPrincipal.open(data, settings.tenantId(), settings.subscriptionId());
    edge = ArmEdge.create(config, store, builtIn, Clock.systemUTC());
    controlPlane = new ControlPlane(store, settings, Clock.systemUTC(), "127.0.0.1", 0,
        new DataPlane(DataPlane.inProcess().nodes(), id -> id.equalsIgnoreCase(builtIn.principal().objectId())
            ? Optional.of("ServicePrincipal") : Optional.empty()), edge.edge());
    builtIn.grantOwner(controlPlane.arm(), settings.subscriptionId());
    httpsBase = "https://127.0.0.1:" + controlPlane.securePort().orElseThrow();
    httpBase = "http://127.0.0.1:" + controlPlane.port();
    http = HttpClient.newBuilder().sslContext(trusting(edge.ca().truststore()))
        .connectTimeout(Duration.ofSeconds(5)).build();
    send("PUT", sub() + "/resourcegroups/rg1?api-version=2021-04-01", "{\"location\":\"eastus\"}", Optional.empty());
  }

  @AfterAll
  static void stop() {
    controlPlane.close();
    edge.close();
  }

  @Test
  void withoutASelectorTheHostGetsItsSystemIdentityWhichArmAccepts() throws Exception {
    HttpResponse<String> r = msi("resource=" + enc(httpsBase + "/"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = Json.parse(r.body());
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_on").asText()).matches("\\d+");
    assertThat(body.path("client_id").asText()).isEqualTo(builtIn.principal().clientId());
    TokenClaims claims = verify(body.path("access_token").asText());
    assertThat(claims.objectId()).isEqualTo(builtIn.principal().objectId());
    assertThat(claims.raw().path("appidacr").asText()).isEqualTo("2");
    assertThat(claims.managedIdentityResourceId()).isEmpty();
    assertThat(send("GET", sub() + "/resourcegroups?api-version=2021-04-01", null,
        Optional.of(body.path("access_token").asText())).statusCode()).isEqualTo(200);
  }

  @Test
  void aUserAssignedIdentityIsSelectedByClientIdObjectIdOrResourceIdAndCarriesItsOid() throws Exception {
    JsonNode identity = createIdentity("host-id");
    String id = identity.path("id").asText();
    String clientId = identity.path("properties").path("clientId").asText();
    String principalId = identity.path("properties").path("principalId").asText();
    String resource = "resource=" + enc(httpsBase + "/");

    for (String selector : List.of("client_id=" + clientId, "object_id=" + principalId, "msi_res_id=" + enc(id))) {
      HttpResponse<String> r = msi(resource + "&" + selector);
      assertThat(r.statusCode()).as(selector + ": " + r.body()).isEqualTo(200);
      String token = Json.parse(r.body()).path("access_token").asText();
      TokenClaims claims = verify(token);
      assertThat(claims.objectId()).as(selector).isEqualTo(principalId);
      assertThat(claims.appId()).as(selector).isEqualTo(clientId);
      assertThat(claims.managedIdentityResourceId()).as(selector).contains(id);
      assertThat(send("GET", sub() + "/resourcegroups/rg1?api-version=2021-04-01", null,
          Optional.of(token)).statusCode()).as(selector).isEqualTo(200);
    }
  }

  @Test
  void anUnknownOrDeletedIdentityGetsNoToken() throws Exception {
    JsonNode identity = createIdentity("short-lived");
    String clientId = identity.path("properties").path("clientId").asText();
    String resource = "resource=" + enc(httpsBase + "/");
    assertThat(msi(resource + "&client_id=" + clientId).statusCode()).isEqualTo(200);

    send("DELETE", httpBase + identity.path("id").asText() + "?api-version=2023-01-31", null, Optional.empty());
    HttpResponse<String> deleted = msi(resource + "&client_id=" + clientId);
    HttpResponse<String> unknown = msi(resource + "&object_id=00000000-0000-0000-0000-00000000beef");

    for (HttpResponse<String> r : List.of(deleted, unknown)) {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(Json.parse(r.body()).path("error_description").asText()).isEqualTo("Identity not found");
    }
  }

  @Test
  void aForeignResourceOrAMissingMetadataHeaderIsRefused() throws Exception {
    HttpResponse<String> foreign = msi("resource=" + enc("https://example.com/"));
    HttpResponse<String> noHeader = http.send(HttpRequest.newBuilder(URI.create(edge.hostImds().msiEndpoint()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("resource=" + enc(httpsBase + "/"))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(Json.parse(foreign.body()).path("error").asText()).isEqualTo("invalid_resource");
    assertThat(noHeader.statusCode()).isEqualTo(400);
    assertThat(Json.parse(noHeader.body()).path("error_description").asText())
        .isEqualTo("Required metadata header not specified");
  }

  @Test
  void theEndpointListensOnLoopbackOnly() {
    assertThat(edge.hostImds().address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(edge.hostImds().msiEndpoint()).startsWith("http://127.0.0.1:").endsWith("/metadata/identity/oauth2/token");
  }

  private static JsonNode createIdentity(String name) throws Exception {
    HttpResponse<String> r = send("PUT", httpBase + "/subscriptions/" + settings.subscriptionId()
        + "/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name
        + "?api-version=2023-01-31", "{\"location\":\"eastus\"}", Optional.empty());
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    return Json.parse(r.body());
  }

  private static HttpResponse<String> msi(String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(edge.hostImds().msiEndpoint()))
        .header("Metadata", "true").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static TokenClaims verify(String token) {
    return new TokenVerifier(List.of(SigningKey.open(data)), Clock.systemUTC())
        .verify(token, Set.of(httpsBase + "/"));
  }

  private static String sub() {
    return httpsBase + "/subscriptions/" + settings.subscriptionId();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(String method, String url, String body, Optional<String> token)
      throws Exception {
    String target = url;
    Optional<String> bearer = token;
    if (url.startsWith(httpsBase) && token.isEmpty()) {
      target = httpBase + url.substring(httpsBase.length());
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    bearer.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trusting(Path truststore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(truststore)) {
      store.load(in, LocalCa.TRUSTSTORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
