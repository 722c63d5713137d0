package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets stay secret, on a server started as {@code isla up} does (a child process, every Isla
 * logger at {@code ALL}, its output captured): after the flows that handle them (client-secret
 * login, a refused login, ARM calls, ACR's token exchange and access tokens, refused tokens),
 * no client secret (right or wrong), access or refresh token, or line of a private key appears in
 * its output, and no ARM answer holds the secret or its hash. Then the data folder is walked:
 * key material and credentials are {@code 0600} in folders no one else can read.
 */
class SecretsIT {

  private static final String API = "?api-version=2023-07-01";

  @TempDir Path data;
  private final List<String> secrets = new ArrayList<>();
  private final List<String> armAnswers = new ArrayList<>();
  private HttpClient https;

  @Test
  void noSecretReachesTheLogsOrArmAnswersAndKeyFilesAreTheOwnersOnly() throws Exception {
    Path logging = data.resolve("logging.properties");
    Path log = data.resolve("server.log");
    Path folder = data.resolve("isla");
    Files.writeString(logging, "handlers=java.util.logging.ConsoleHandler\n"
        + "java.util.logging.ConsoleHandler.level=ALL\n.level=INFO\ndev.isla.level=ALL\n");
    Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-Djava.util.logging.config.file=" + logging, "-cp", System.getProperty("java.class.path"),
        Isla.class.getName(), "up", "--data", folder.toString(), "--operation-delay", "10")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      InstanceState state = awaitState(server, folder);
      https = HttpClient.newBuilder().sslContext(IslaTrust.of(Path.of(state.truststore()))).build();
      runFlows(state);
    } finally {
      server.destroy();
      server.waitFor();
    }
    String output = Files.readString(log);
    assertThat(output).as("the capture works").contains("Isla serving ARM at");
    for (String secret : secrets) {
      assertThat(output).as("the server's output").doesNotContain(secret);
    }
    for (String line : privateKeyLines(folder)) {
      assertThat(output).as("the server's output holds no private key material").doesNotContain(line);
    }
    String secret = secrets.getFirst();
    String hash = Json.parse(Files.readString(folder.resolve("identity/builtin-sp.json"))).path("secretHash").asText();
    assertThat(armAnswers).isNotEmpty().allSatisfy(a -> assertThat(a).doesNotContain(secret).doesNotContain(hash));
    assertOwnerOnly(folder);
  }

  private void runFlows(InstanceState state) throws Exception {
    JsonNode credentials = Json.parse(Files.readString(Path.of(state.credentials())));
    String clientId = credentials.path("clientId").asText();
    String secret = credentials.path("clientSecret").asText();
    secrets.add(secret);
    String wrong = new StringBuilder(secret).reverse().toString();
    secrets.add(wrong);
    HttpResponse<String> refusedLogin = login(state, clientId, wrong, "https://management.azure.com/");
    assertThat(refusedLogin.statusCode()).isEqualTo(401);
    assertThat(refusedLogin.body()).as("a refusal does not echo the secret").doesNotContain(wrong);
    String arm = token(login(state, clientId, secret, "https://management.azure.com/"));
    String aad = token(login(state, clientId, secret, "https://containerregistry.azure.net"));
    String sub = state.armHttpsUrl() + "/subscriptions/" + state.subscriptionId();
    String registry = sub + "/resourceGroups/secrets/providers/Microsoft.ContainerRegistry/registries/secretsacr";
    armCall("PUT", sub + "/resourceGroups/secrets" + API, arm, "{\"location\":\"eastus\"}");
    armCall("PUT", registry + API, arm, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"}}");
    for (int i = 0; i < 100 && !armCall("GET", registry + API, arm, null).contains("\"Succeeded\""); i++) {
      Thread.sleep(50);
    }
    armCall("GET", sub + "/resources" + API, arm, null);
    armCall("GET", sub + "/providers/Microsoft.Authorization/roleAssignments" + API, arm, null);
    armCall("GET", sub + "/providers/Microsoft.Authorization/roleDefinitions" + API, arm, null);
    armCall("GET", sub + "/resourcegroups" + API, arm, "");
    String forged = arm.substring(0, arm.lastIndexOf('.') + 1) + "Zm9yZ2VkLXNpZ25hdHVyZQ";
    secrets.add(forged);
    assertThat(armCall("GET", sub + "/resources" + API, forged, null)).contains("InvalidAuthenticationToken")
        .doesNotContain(forged);
    String notJson = "eyJub3QganNvbg.bm90IGpzb24gZWl0aGVy.c2lnbmF0dXJl";
    secrets.add(notJson);
    assertThat(armCall("GET", sub + "/resources" + API, notJson, null)).contains("InvalidAuthenticationToken")
        .doesNotContain(notJson);
    acrFlows(state, aad);
  }

  private void acrFlows(InstanceState state, String aad) throws Exception {
    String login = "secretsacr.azurecr.io";
    RawHttp.Response exchange = registry(state, "POST", "/oauth2/exchange", Map.of(),
        "grant_type=access_token&service=" + login + "&access_token=" + aad);
    assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
    String refresh = Json.parse(exchange.text()).path("refresh_token").asText();
    secrets.add(refresh);
    RawHttp.Response token = registry(state, "POST", "/oauth2/token", Map.of(), "grant_type=refresh_token&service="
        + login + "&scope=registry:catalog:*&refresh_token=" + refresh);
    String access = Json.parse(token.text()).path("access_token").asText();
    secrets.add(access);
    String basic = Base64.getEncoder().encodeToString(("00000000-0000-0000-0000-000000000000:" + refresh)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(registry(state, "GET", "/oauth2/token?service=" + login + "&scope=registry:catalog:*",
        Map.of("Authorization", "Basic " + basic), "").status()).isEqualTo(200);
    assertThat(registry(state, "GET", "/v2/_catalog", Map.of("Authorization", "Bearer " + access), "").status())
        .isEqualTo(200);
    String bogus = aad.substring(0, aad.length() - 8) + "AAAAAAAA";
    secrets.add(bogus);
    RawHttp.Response refusedExchange = registry(state, "POST", "/oauth2/exchange", Map.of(),
        "grant_type=access_token&service=" + login + "&access_token=" + bogus);
    assertThat(refusedExchange.status()).isEqualTo(401);
    assertThat(refusedExchange.text()).doesNotContain(bogus);
    String wrongRefresh = wrongRefresh(refresh);
    RawHttp.Response refusedToken = registry(state, "POST", "/oauth2/token", Map.of(), "grant_type=password&service="
        + login + "&scope=registry:catalog:*&password=" + wrongRefresh);
    assertThat(refusedToken.status()).isEqualTo(401);
    assertThat(refusedToken.text()).doesNotContain(wrongRefresh);
  }

  private String wrongRefresh(String refresh) {
    String wrong = refresh.substring(0, refresh.length() - 6) + "BBBBBB";
    secrets.add(wrong);
    return wrong;
  }

  private RawHttp.Response registry(InstanceState state, String method, String target, Map<String, String> extra,
      String form) throws IOException {
    URI url = URI.create(state.registryUrl());
    Map<String, String> headers = new LinkedHashMap<>(Map.of("Host", "secretsacr.azurecr.io"));
    if (!form.isEmpty()) {
      headers.put("Content-Type", "application/x-www-form-urlencoded");
    }
    headers.putAll(extra);
    return RawHttp.send(new Socket(url.getHost(), url.getPort()), method, target, headers,
        form.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> login(InstanceState state, String clientId, String secret, String resource)
      throws Exception {
    String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret
        + "&scope=" + URLEncoder.encode(resource + "/.default", StandardCharsets.UTF_8);
    return https.send(HttpRequest.newBuilder(URI.create(state.armHttpsUrl() + "/adfs/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String token(HttpResponse<String> login) {
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String token = Json.parse(login.body()).path("access_token").asText();
    secrets.add(token);
    return token;
  }

  private String armCall(String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !body.isEmpty()) {
      b.header("Content-Type", "application/json");
    }
    String answer = https.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    armAnswers.add(answer);
    return answer;
  }

  /** The base64 lines of every private key in the data folder. */
  private static List<String> privateKeyLines(Path folder) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.contains("PRIVATE KEY-----")) {
          text.lines().filter(l -> !l.startsWith("-----") && l.length() >= 40).forEach(lines::add);
        }
      }
    }
    assertThat(lines).as("the CA key and the signing key were found").hasSizeGreaterThan(10);
    return lines;
  }

  /**
   * Private keys, the truststore, the server's principal and the handed-out credentials are
   * {@code rw-------}, and the folders holding them inside the data folder let no one else in;
   * nothing in the data folder is writable by others.
   */
  private static void assertOwnerOnly(Path folder) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path path : all.toList()) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        String shown = folder.relativize(path) + " " + PosixFilePermissions.toString(mode);
        assertThat(mode).as(shown).doesNotContain(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);
        if (Files.isRegularFile(path) && holdsSecrets(path)) {
          found.add(shown);
          assertThat(PosixFilePermissions.toString(mode)).as(shown).isEqualTo("rw-------");
          for (Path dir = path.getParent(); !dir.equals(folder); dir = dir.getParent()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .as("%s holds %s", folder.relativize(dir), folder.relativize(path)).endsWith("------");
          }
        }
      }
    }
    assertThat(found).as("secret-holding files").anyMatch(f -> f.startsWith("ca/root.key"))
        .anyMatch(f -> f.startsWith("identity/signing-key.pem"))
        .anyMatch(f -> f.startsWith("credentials/isla-sp.json"))
        .anyMatch(f -> f.startsWith("identity/builtin-sp.json"));
  }

  private static boolean holdsSecrets(Path file) throws IOException {
    String name = file.getFileName().toString();
    return name.endsWith(".key") || name.endsWith(".p12") || name.endsWith("-sp.json")
        || Files.readString(file, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY-----");
  }


  private static InstanceState awaitState(Process server, Path folder) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<InstanceState> state = InstanceState.readLive(folder);
      if (state.isPresent() && state.get().pid() == server.pid()) {
        return state.get();
      }
      assertThat(server.isAlive()).as("server process alive").isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("server did not publish its state in 60 s");
  }
}
