package dev.isla.identity.acr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.identity.MutableClock;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenSubject;
import dev.isla.identity.token.TokenVerifier;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcrOAuthEndpointsIT {

  static final String SERVICE = "isla1.azurecr.io";
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final TokenSubject KUBELET = new TokenSubject("kubelet-oid", TENANT, "kubelet-client", Optional.empty());

  final MutableClock clock = MutableClock.now();
  final SigningKey key = SigningKey.generate();
  final AtomicBoolean anonymous = new AtomicBoolean(false);
  final HttpClient client = HttpClient.newHttpClient();
  WebServer server;

  @BeforeEach
  void start() {
    AcrTokenService tokens = new AcrTokenService(key, new TokenVerifier(key, clock),
        (svc, p) -> p.objectId().equals("kubelet-oid") ? Set.of("read") : Set.of(),
        Set.of("https://containerregistry.azure.net"), clock);
    AcrOAuthEndpoints endpoints = new AcrOAuthEndpoints(tokens,
        host -> host.equals("127.0.0.1") ? Optional.of(new AcrOAuthEndpoints.Registry(SERVICE, anonymous.get()))
            : Optional.empty());
    server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.register(endpoints)).build().start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void agentBakersExchangeThenOrasTokenRequest() throws Exception {
    String aad = new TokenIssuer(key, clock).issue(KUBELET, "https://containerregistry.azure.net",
        Duration.ofHours(24), "2").accessToken();

    Reply exchange = post("/oauth2/exchange", "grant_type=access_token&service=" + SERVICE + "&tenant="
        + TENANT + "&access_token=" + aad);
    String refresh = exchange.json.path("refresh_token").asText();
    Reply token = post("/oauth2/token", "grant_type=refresh_token&service=" + SERVICE
        + "&scope=" + enc("repository:aks-managed-repository/oss/kubernetes/pause:pull")
        + "&scope=" + enc("repository:app:push") + "&refresh_token=" + refresh);

    assertThat(exchange.status).isEqualTo(200);
    assertThat(token.status).isEqualTo(200);
    JsonNode access = AcrTokenServiceTest.payload(token.json.path("access_token").asText()).path("access");
    assertThat(access).hasSize(1);
    assertThat(access.get(0).path("name").asText()).isEqualTo("aks-managed-repository/oss/kubernetes/pause");
  }

  @Test
  void dockerStyleGetWithBasicCredentialsAndAnonymousPull() throws Exception {
    String aad = new TokenIssuer(key, clock).issue(KUBELET, "https://containerregistry.azure.net",
        Duration.ofHours(1), "2").accessToken();
    String refresh = post("/oauth2/exchange", "grant_type=access_token&service=" + SERVICE
        + "&access_token=" + aad).json.path("refresh_token").asText();
    String basic = Base64.getEncoder().encodeToString(
        ("00000000-0000-0000-0000-000000000000:" + refresh).getBytes(StandardCharsets.UTF_8));
    String path = "/oauth2/token?service=" + SERVICE + "&scope=" + enc("repository:app:pull");

    Reply withCredentials = get(path, "Authorization", "Basic " + basic);
    Reply refused = get(path);
    anonymous.set(true);
    Reply anonymousPull = get(path);

    assertThat(withCredentials.status).isEqualTo(200);
    assertThat(refused.status).isEqualTo(401);
    assertThat(refused.json.path("errors").get(0).path("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(anonymousPull.status).isEqualTo(200);
  }

  @Test
  void badRequestsAreRefusedInTheRegistrysErrorFormat() throws Exception {
    Reply badToken = post("/oauth2/exchange", "grant_type=access_token&service=" + SERVICE + "&access_token=x.y.z");
    Reply otherService = post("/oauth2/exchange", "grant_type=access_token&service=other.azurecr.io&access_token=x");
    Reply badGrant = post("/oauth2/exchange", "grant_type=password&service=" + SERVICE);

    assertThat(badToken.status).isEqualTo(401);
    assertThat(badToken.json.path("errors").get(0).path("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(otherService.status).isEqualTo(400);
    assertThat(badGrant.json.path("errors").get(0).path("code").asText()).isEqualTo("UNSUPPORTED");
  }

  record Reply(int status, JsonNode json) {}

  private Reply post(String path, String form) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  private Reply get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  private Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), Json.parse(r.body()));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

}
