package dev.isla.identity.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.identity.MutableClock;
import dev.isla.identity.ca.LocalCa;
import dev.isla.identity.ca.ServerKeys;
import dev.isla.identity.ca.SubjectNames;
import dev.isla.identity.principal.InMemoryPrincipalDirectory;
import dev.isla.identity.principal.ManagedIdentity;
import dev.isla.identity.principal.SecretHash;
import dev.isla.identity.principal.ServicePrincipal;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenVerifier;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The login and managed-identity endpoints on an HTTPS listener on loopback, port 0, with a CA
 * in a temporary data folder, one service principal and two managed identities.
 */
final class IdentityTestServer implements AutoCloseable {

  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String APP_ID = "0b0e6b8e-6d43-4b5b-9a0e-2b56b7f1c1aa";
  static final String APP_OBJECT_ID = "5f5a6f9c-53c1-4c4e-8f4f-1d8a0c1e9e11";
  static final String SECRET = "Isla~s3cret.value_0123456789";
  static final String IDENTITY_HEADER = "f1c0ffee-identity-header";
  static final ManagedIdentity KUBELET = new ManagedIdentity("c0ffee00-0000-4000-8000-000000000001",
      "b0b0b0b0-0000-4000-8000-000000000001", TENANT, Optional.of(
          "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/"
              + "Microsoft.ManagedIdentity/userAssignedIdentities/kubelet"));
  static final ManagedIdentity SYSTEM = new ManagedIdentity("c0ffee00-0000-4000-8000-000000000002",
      "b0b0b0b0-0000-4000-8000-000000000002", TENANT, Optional.empty());

  final LocalCa ca;
  final MutableClock clock = MutableClock.now();
  final SigningKey key = SigningKey.generate();
  final TokenVerifier verifier = new TokenVerifier(key, clock);
  final InMemoryPrincipalDirectory directory = new InMemoryPrincipalDirectory()
      .add(new ServicePrincipal(APP_ID, APP_OBJECT_ID, TENANT, "isla-sp", SecretHash.of(SECRET, 1000)))
      .add(KUBELET).addSystemAssigned(SYSTEM);
  final LoginService login;
  final WebServer server;
  final HttpClient client;

  IdentityTestServer(Path data, List<String> islaResources, HttpService... extra) throws Exception {
    this(data, 0, islaResources, extra);
  }

  IdentityTestServer(Path data, int port, List<String> islaResources, HttpService... extra)
      throws Exception {
    ca = LocalCa.open(data, clock, Optional.empty());
    LoginSettings settings = LoginSettings.of(islaResources, Optional.of(IDENTITY_HEADER));
    login = new LoginService(directory, new TokenIssuer(key, clock), settings);
    ServerKeys keys = new ServerKeys(ca, SubjectNames.of("localhost", "127.0.0.1"), clock);
    server = WebServer.builder().host("127.0.0.1").port(port).tls(keys.tls())
        .routing(r -> {
          // Extras first: a test's recording filter then sees every request.
          for (HttpService s : extra) {
            r.register(s);
          }
          r.register(new LoginEndpoints(login, List.of(key)), new ManagedIdentityEndpoints(login, settings));
        })
        .build().start();
    client = HttpClient.newBuilder().sslContext(trusting(ca)).connectTimeout(Duration.ofSeconds(5)).build();
  }

  String base() {
    return "https://127.0.0.1:" + server.port();
  }

  Reply get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  Reply postForm(String path, Map<String, String> form, String... headers) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  private Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? Json.object() : Json.parse(r.body());
    return new Reply(r.statusCode(), json, r.headers().firstValue("Content-Type").orElse(""));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  static SSLContext trusting(LocalCa ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ca.truststore())) {
      store.load(in, LocalCa.TRUSTSTORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  record Reply(int status, JsonNode json, String contentType) {}

  @Override
  public void close() {
    server.stop();
  }
}
