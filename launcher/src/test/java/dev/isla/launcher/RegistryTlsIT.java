package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.identity.acr.AcrOAuthEndpoints;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.identity.ca.LocalCa;
import dev.isla.identity.login.LoginSettings;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenSubject;
import dev.isla.identity.token.TokenVerifier;
import dev.isla.launcher.adapt.AcrTokenAccess;
import dev.isla.registry.RegistryServer;
import dev.isla.registry.catalog.MemoryRegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.proxy.PullThrough;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's TLS listener as the launcher builds it ({@link RegistryTls}: the data folder's
 * CA, every registry host form), with ACR's token endpoints and credential rules
 * ({@link AcrTokenAccess}), driven by JDK clients that trust only Isla's CA: SNI for login
 * servers and data endpoints, {@code 421} when {@code Host} and SNI disagree, https realms and
 * redirects, and path mode ({@code 127.0.0.1:PORT/v2/<registry>/…}) with anonymous and token
 * pulls.
 */
class RegistryTlsIT {

  private static final String TENANT = "22222222-2222-2222-2222-222222222222";
  /** Owner of every registry. */
  private static final String OWNER = "aaaaaaaa-0000-0000-0000-000000000001";
  /** AcrPull on myacr only. */
  private static final String PULLER = "bbbbbbbb-0000-0000-0000-000000000002";
  private static final String MYACR = "myacr.azurecr.io";
  private static final String OPENACR = "openacr.azurecr.io";
  private static final String OPEN_DATA = "openacr.westus.data.azurecr.io";

  @TempDir Path data;

  private final Map<String, Map<String, Set<String>>> roles = Map.of(
      MYACR, Map.of(OWNER, Set.of("*"), PULLER, Set.of("read")),
      OPENACR, Map.of(OWNER, Set.of("*")),
      "other.azurecr.io", Map.of(OWNER, Set.of("*")));
  private LocalCa ca;
  private RegistryServer server;
  private TokenIssuer issuer;
  private HttpClient https;
  private TlsHttp tls;
  private int port;

  @BeforeEach
  void start() throws Exception {
    Clock clock = Clock.systemUTC();
    ca = LocalCa.open(data, clock, Optional.empty());
    SigningKey key = SigningKey.generate();
    issuer = new TokenIssuer(key, clock);
    AcrTokenService tokens = new AcrTokenService(key, new TokenVerifier(List.of(key), clock),
        (service, principal) -> roles.getOrDefault(service, Map.of())
            .getOrDefault(principal.objectId(), Set.of()),
        Set.copyOf(LoginSettings.AZURE_RESOURCES), clock);
    MemoryRegistryCatalog catalog = new MemoryRegistryCatalog()
        .put(new RegistryInfo("myacr", MYACR, List.of("myacr.eastus.data.azurecr.io"), false,
            true))
        .put(new RegistryInfo("openacr", OPENACR, List.of(OPEN_DATA), true, true, true))
        .put(RegistryInfo.of("other"));
    AcrOAuthEndpoints oauth = new AcrOAuthEndpoints(tokens, h -> catalog.findByHost(h)
        .map(r -> new AcrOAuthEndpoints.Registry(r.loginServer(), r.anonymousPullEnabled())));
    server = new RegistryServer(catalog, new FilesystemDriver(data.resolve("registry")),
        new AcrTokenAccess(tokens), new RegistryServer.Settings(UpstreamMap.direct(),
            "127.0.0.1", 0, PullThrough.DEFAULT_TAG_FRESHNESS, Duration.ofSeconds(5),
            Optional.empty()).withSecure(0, RegistryTls.tls(ca, List.of("eastus", "westus"),
                "127.0.0.1", clock)), List.of(oauth));
    port = server.securePort().orElseThrow();
    https = HttpClient.newBuilder().sslContext(TlsHttp.context(ca.rootPem()))
        .connectTimeout(Duration.ofSeconds(5)).build();
    tls = TlsHttp.trusting(ca.rootPem());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void loginServersAndDataEndpointsHandshakeWithTheirSniAgainstIslasCaAlone() throws Exception {
    for (String host : List.of(MYACR, "myacr.eastus.data.azurecr.io", OPENACR, OPEN_DATA)) {
      TlsHttp.Response r = tls.get(port, host, host + ":" + port, "/v2/");
      assertThat(r.leaf().getIssuerX500Principal()).isEqualTo(
          ca.certificate().getSubjectX500Principal());
      assertThat(r.status()).as(host).isIn(200, 401);
    }
    assertThatThrownBy(() -> tls.get(port, "example.com", "example.com", "/v2/"))
        .as("a name the certificate does not cover fails hostname verification")
        .isInstanceOf(SSLHandshakeException.class);
    assertThatThrownBy(() -> tls.get(port, "myacr.northeurope.data.azurecr.io",
        "myacr.northeurope.data.azurecr.io", "/v2/"))
        .as("a region the control plane was not given").isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aHostNamingAnotherRegistryThanTheSniIsMisdirected() throws Exception {
    TlsHttp.Response r = tls.get(port, MYACR, OPENACR + ":" + port, "/v2/team/app/tags/list");
    assertThat(r.status()).isEqualTo(421);
    JsonNode error = Json.parse(r.text()).path("errors").path(0);
    assertThat(error.path("code").asText()).isEqualTo("MISDIRECTED_REQUEST");
    assertThat(error.path("message").asText()).isEqualTo("misdirected request");
    assertThat(error.path("detail").asText()).isEqualTo("this connection was opened for '"
        + MYACR + "' but the request is for " + OPENACR + "; open a connection to that host");

    TlsHttp.Response byPath = tls.get(port, MYACR, "127.0.0.1:" + port,
        "/v2/openacr/team/app/tags/list");
    assertThat(byPath.status()).as("a path naming another registry").isEqualTo(421);

    TlsHttp.Response sameRegistry = tls.get(port, "myacr.eastus.data.azurecr.io",
        MYACR + ":" + port, "/v2/team/app/tags/list");
    assertThat(sameRegistry.status()).as("data endpoint SNI, login server Host: one registry")
        .isEqualTo(401);
  }

  @Test
  void realmsAndDataEndpointRedirectsStayOnHttps() throws Exception {
    Pushed image = push("openacr", "team/app", "1.0");
    TlsHttp.Response challenge = tls.get(port, MYACR, MYACR + ":" + port,
        "/v2/team/app/manifests/1.0");
    assertThat(challenge.status()).isEqualTo(401);
    assertThat(challenge.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"https://"
        + MYACR + ":" + port + "/oauth2/token\",service=\"" + MYACR
        + "\",scope=\"repository:team/app:pull\"");

    TlsHttp.Response redirect = tls.get(port, OPENACR, OPENACR + ":" + port,
        "/v2/team/app/blobs/" + image.layer());
    assertThat(redirect.status()).isEqualTo(307);
    URI location = URI.create(redirect.header("Location"));
    assertThat(location.getScheme()).isEqualTo("https");
    assertThat(location.getHost()).isEqualTo(OPEN_DATA);
    assertThat(location.getPort()).isEqualTo(port);
    TlsHttp.Response blob = tls.get(port, OPEN_DATA, OPEN_DATA + ":" + port,
        location.getRawPath() + "?" + location.getRawQuery());
    assertThat(blob.status()).isEqualTo(200);
    assertThat(blob.body()).isEqualTo(LAYER);
  }

  @Test
  void pathModeServesAnonymousPullsOfTheRegistryNamedFirst() throws Exception {
    Pushed image = push("openacr", "team/app", "1.0");
    HttpResponse<String> ping = get("/v2/", Optional.empty());
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("{}");

    HttpResponse<String> manifest = get("/v2/openacr/team/app/manifests/1.0", Optional.empty());
    assertThat(manifest.statusCode()).as(manifest.body()).isEqualTo(200);
    assertThat(manifest.headers().firstValue("Docker-Content-Digest")).hasValue(image.manifest());
    HttpResponse<String> tags = get("/v2/openacr.azurecr.io/team/app/tags/list",
        Optional.empty());
    assertThat(Json.parse(tags.body()).path("name").asText())
        .as("the name as the client spelled it").isEqualTo("openacr.azurecr.io/team/app");

    HttpResponse<String> unknown = get("/v2/nosuchacr/team/app/manifests/1.0", Optional.empty());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Json.parse(unknown.body()).path("errors").path(0).path("detail").asText())
        .isEqualTo("no registry is served at host '127.0.0.1:" + port + "' and 'nosuchacr' names"
            + " none: use /v2/<registry>/<repository>/… with the name or login server of a"
            + " registry of this cloud");
    assertThat(get("/v2/myacr/team/app/manifests/1.0", Optional.empty()).statusCode())
        .as("anonymous pull is openacr's only").isEqualTo(401);
  }

  @Test
  void pathModeTokenFlowFollowsTheChallenge() throws Exception {
    Pushed image = push("myacr", "team/app", "1.0");
    HttpResponse<String> refused = get("/v2/myacr/team/app/manifests/1.0", Optional.empty());
    assertThat(refused.statusCode()).isEqualTo(401);
    String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(challenge).isEqualTo("Bearer realm=\"https://127.0.0.1:" + port
        + "/oauth2/token\",service=\"" + MYACR + "\",scope=\"repository:team/app:pull\"");

    String token = accessToken(PULLER, challenge);
    HttpResponse<String> pulled = get("/v2/myacr/team/app/manifests/1.0", Optional.of(token));
    assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
    assertThat(pulled.headers().firstValue("Docker-Content-Digest")).hasValue(image.manifest());

    assertThat(get("/v2/other/team/app/manifests/1.0", Optional.of(token)).statusCode())
        .as("myacr's token in another registry").isEqualTo(401);
    HttpResponse<String> unknownService = send(HttpRequest.newBuilder(URI.create(
        "https://127.0.0.1:" + port + "/oauth2/token?service=nosuchacr.azurecr.io&scope="
            + "repository:team/app:pull")).GET().build());
    assertThat(unknownService.statusCode()).isEqualTo(404);
    assertThat(unknownService.body()).contains("NAME_UNKNOWN")
        .contains("named by service 'nosuchacr.azurecr.io'");
  }

  // --- token flow and content, as a Docker client does it --------------------------------

  private static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\"}"
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] LAYER = "not really a tar, but bytes with a digest"
      .getBytes(StandardCharsets.UTF_8);

  record Pushed(String manifest, String layer) {}

  /** Pushes a one-layer image in path mode with the owner's token. */
  private Pushed push(String registry, String repository, String tag) throws Exception {
    String login = registry + ".azurecr.io";
    String token = accessToken(OWNER, "Bearer realm=\"https://127.0.0.1:" + port
        + "/oauth2/token\",service=\"" + login + "\",scope=\"repository:" + repository
        + ":pull,push\"");
    String root = "/v2/" + registry + "/" + repository;
    String config = upload(root, CONFIG, token);
    String layer = upload(root, LAYER, token);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest"
        + ".v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
        + "\"digest\":\"" + config + "\",\"size\":" + CONFIG.length + "},\"layers\":[{"
        + "\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer
        + "\",\"size\":" + LAYER.length + "}]}";
    HttpResponse<String> put = send(HttpRequest.newBuilder(url(root + "/manifests/" + tag))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location")).hasValue(root + "/manifests/"
        + digest(manifest.getBytes(StandardCharsets.UTF_8)));
    return new Pushed(digest(manifest.getBytes(StandardCharsets.UTF_8)), layer);
  }

  private String upload(String root, byte[] bytes, String token) throws Exception {
    HttpResponse<String> started = send(HttpRequest.newBuilder(url(root + "/blobs/uploads/"))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(location).as("upload sessions stay under the path-mode root")
        .startsWith(root + "/blobs/uploads/");
    String digest = digest(bytes);
    HttpResponse<String> done = send(HttpRequest.newBuilder(url(location
        + (location.contains("?") ? "&" : "?") + "digest=" + digest))
        .header("Authorization", "Bearer " + token)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
    return digest;
  }

  /** Follows a Bearer challenge: exchange an AAD token, then ask the realm for the scope. */
  private String accessToken(String objectId, String challenge) throws Exception {
    Map<String, String> p = new java.util.HashMap<>();
    var m = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(challenge);
    while (m.find()) {
      p.put(m.group(1), m.group(2));
    }
    URI realm = URI.create(p.get("realm"));
    String aad = issuer.issue(new TokenSubject(objectId, TENANT, objectId, Optional.empty()),
        LoginSettings.AZURE_RESOURCES.getFirst(), Duration.ofHours(1), "2").accessToken();
    HttpResponse<String> exchanged = send(HttpRequest.newBuilder(realm.resolve(
        "/oauth2/exchange")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=access_token&service="
            + p.get("service") + "&access_token=" + aad)).build());
    assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
    String refresh = Json.parse(exchanged.body()).path("refresh_token").asText();
    HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(realm + "?service="
        + p.get("service") + "&scope=" + URLEncoder.encode(p.get("scope"),
            StandardCharsets.UTF_8)))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("00000000-0000-0000-0000-000000000000:" + refresh).getBytes(StandardCharsets.UTF_8)))
        .GET().build());
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    return Json.parse(token.body()).path("access_token").asText();
  }

  private HttpResponse<String> get(String path, Optional<String> token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path))
        .header("Accept", "application/vnd.oci.image.manifest.v1+json").GET();
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return send(b.build());
  }

  private URI url(String path) {
    return URI.create("https://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return https.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String digest(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(bytes));
  }
}
