package dev.isla.identity.login;

import static dev.isla.identity.login.IdentityTestServer.APP_ID;
import static dev.isla.identity.login.IdentityTestServer.APP_OBJECT_ID;
import static dev.isla.identity.login.IdentityTestServer.SECRET;
import static dev.isla.identity.login.IdentityTestServer.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.identity.token.TokenClaims;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpService;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Azure CLI (Debian's az 2.45) registers a cloud whose authority is Isla's ADFS-style
 * endpoint and logs in with a service principal over HTTPS, trusting Isla's CA through
 * {@code REQUESTS_CA_BUNDLE}. ARM is not this module's: a stub {@code GET /subscriptions} on the
 * same listener stands in for it, and records the bearer token az sends.
 */
class AzCliIT {

  static final Path AZ = Path.of("/usr/bin/az");
  static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";

  @TempDir Path data;
  @TempDir Path azureConfig;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  final List<String> bearerTokens = Collections.synchronizedList(new ArrayList<>());

  @Test
  void azLogsInWithAServicePrincipalAndGetsAnAccessToken() throws Exception {
    assumeTrue(Files.isExecutable(AZ), "the Debian azure-cli package (/usr/bin/az) is not installed");
    int port = freePort();
    String base = "https://127.0.0.1:" + port;
    try (IdentityTestServer server = new IdentityTestServer(data, port, List.of(base + "/"), armStub())) {
      Path cloud = azureConfig.resolve("cloud.json");
      Files.writeString(cloud, cloudConfig(base).toString());

      run(server, "cloud", "register", "-n", "isla", "--cloud-config", "@" + cloud);
      run(server, "cloud", "set", "-n", "isla");
      JsonNode login = Json.parse(run(server, "login", "--service-principal", "-u", APP_ID, "-p", SECRET,
          "--tenant", TENANT, "-o", "json"));
      JsonNode token = Json.parse(run(server, "account", "get-access-token", "-o", "json"));

      assertThat(login.get(0).path("id").asText()).isEqualTo(SUBSCRIPTION);
      assertThat(login.get(0).path("user").path("type").asText()).isEqualTo("servicePrincipal");
      assertThat(requests).startsWith("GET /adfs/.well-known/openid-configuration",
          "POST /adfs/oauth2/token", "GET /subscriptions");
      TokenClaims claims = server.verifier.verify(bearerTokens.getFirst(), Set.of(base + "/"));
      assertThat(claims.appId()).isEqualTo(APP_ID);
      assertThat(claims.objectId()).isEqualTo(APP_OBJECT_ID);
      assertThat(server.verifier.verify(token.path("accessToken").asText(), Set.of(base + "/")).tenantId())
          .isEqualTo(TENANT);
      assertThat(Files.readString(azureConfig.resolve("azureProfile.json"))).doesNotContain(SECRET);
    }
  }

  @Test
  void azLogsInWithTheManagedIdentityOfMsiEndpoint() throws Exception {
    assumeTrue(Files.isExecutable(AZ), "the Debian azure-cli package (/usr/bin/az) is not installed");
    int port = freePort();
    String base = "https://127.0.0.1:" + port;
    try (IdentityTestServer server = new IdentityTestServer(data, port, List.of(base + "/"), armStub())) {
      Path cloud = azureConfig.resolve("cloud.json");
      Files.writeString(cloud, cloudConfig(base).toString());
      msiEndpoint = base + ManagedIdentityEndpoints.IMDS_PATH;

      run(server, "cloud", "register", "-n", "isla", "--cloud-config", "@" + cloud);
      run(server, "cloud", "set", "-n", "isla");
      JsonNode login = Json.parse(run(server, "login", "--identity", "-o", "json"));

      assertThat(login.get(0).path("user").path("name").asText()).isEqualTo("systemAssignedIdentity");
      // az 2.45 asks the MSI endpoint twice before listing subscriptions (observed).
      assertThat(requests).containsSubsequence("POST " + ManagedIdentityEndpoints.IMDS_PATH, "GET /subscriptions");
      TokenClaims claims = server.verifier.verify(bearerTokens.getFirst(), Set.of(base + "/"));
      assertThat(claims.objectId()).isEqualTo(IdentityTestServer.SYSTEM.principalId());
    }
  }

  private String msiEndpoint = "";

  private HttpService armStub() {
    return rules -> rules
        .any((req, res) -> {
          requests.add(req.prologue().method().text() + " " + req.path().path());
          res.next();
        })
        .get("/subscriptions", (req, res) -> {
          req.headers().first(HeaderNames.AUTHORIZATION)
              .map(h -> h.substring("Bearer ".length())).ifPresent(bearerTokens::add);
          ObjectNode body = Json.object();
          body.putArray("value").addObject().put("id", "/subscriptions/" + SUBSCRIPTION)
              .put("subscriptionId", SUBSCRIPTION).put("tenantId", TENANT)
              .put("displayName", "Isla").put("state", "Enabled");
          res.header(HeaderNames.CONTENT_TYPE, "application/json");
          res.send(Json.write(body));
        });
  }

  private static ObjectNode cloudConfig(String base) {
    ObjectNode config = Json.object();
    config.putObject("endpoints").put("resourceManager", base + "/").put("management", base + "/")
        .put("activeDirectory", base + "/adfs").put("activeDirectoryResourceId", base + "/")
        .put("activeDirectoryGraphResourceId", base + "/").put("microsoftGraphResourceId", base + "/");
    config.putObject("suffixes").put("acrLoginServerEndpoint", ".azurecr.io");
    return config;
  }

  private String run(IdentityTestServer server, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(AZ.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
    pb.environment().put("AZURE_CONFIG_DIR", azureConfig.toString());
    pb.environment().put("AZURE_CORE_COLLECT_TELEMETRY", "false");
    pb.environment().put("AZURE_CORE_NO_COLOR", "true");
    pb.environment().put("REQUESTS_CA_BUNDLE", server.ca.bundle().toString());
    if (!msiEndpoint.isEmpty()) {
      pb.environment().put("MSI_ENDPOINT", msiEndpoint);
    }
    Path err = azureConfig.resolve("stderr.txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("az finished").isTrue();
    assertThat(p.exitValue()).as("az " + String.join(" ", args).replace(SECRET, "***") + "\n"
        + Files.readString(err)).isZero();
    return out;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
