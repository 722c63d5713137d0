package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes outlive the server process: a child server creates an isolated cluster (Cache, outbound
 * none, AKS-managed registry) and a cluster switched to Cache without a reimage; after a clean
 * stop (SIGTERM, as {@code isla stop}) and after {@code kill -9}, {@code kubectl get nodes} run
 * through {@code az aks command invoke} lists the same nodes Ready again, and the nodes never
 * reimaged are still marked as running their old bootstrap.
 */
class NodesRestartIT {

  private static final String API = "?api-version=2025-10-01";
  private static final Pattern ROW = Pattern.compile("(?m)^(aks-\\S+)\\s+(Ready|NotReady)\\s");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;
  private String sub;

  @Test
  void nodesComeBackWithTheirOwnBootstrapAfterStopAndAfterKillMinusNine() throws Exception {
    Process server = startServer();
    List<String> isolated;
    String staleBefore;
    try {
      connect(server);
      register("NetworkIsolatedClusterPreview");
      send("PUT", sub + "/resourceGroups/rg1?api-version=2024-11-01", "{\"location\":\"eastus\"}");
      create("iso", "\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},"
          + "\"networkProfile\":{\"outboundType\":\"none\"},\"apiServerAccessProfile\":{\"enablePrivateCluster\":true}");
      create("stale", "\"networkProfile\":{\"outboundType\":\"loadBalancer\"}");
      update("stale", c -> ((ObjectNode) c.path("properties").path("bootstrapProfile"))
          .put("artifactSource", "Cache"));
      isolated = readyNodes("iso");
      assertThat(isolated).hasSize(2);
      staleBefore = run("stale", "kubectl get nodes");
      assertThat(staleBefore).contains("2 node(s) still run the bootstrap they booted with");
    } finally {
      server.destroy();
      server.waitFor();
    }
    for (boolean kill : List.of(false, true)) {
      server = startServer();
      try {
        connect(server);
        assertThat(awaitReady("iso")).as("after %s", kill ? "kill -9" : "stop").isEqualTo(isolated);
        awaitReady("stale");
        assertThat(run("stale", "kubectl get nodes"))
            .as("nodes never reimaged keep their Direct bootstrap across a restart")
            .contains("2 node(s) still run the bootstrap they booted with")
            .contains("artifactSource Direct from mcr.microsoft.com");
      } finally {
        if (kill) {
          server.destroyForcibly().waitFor();
        } else {
          server.destroy();
          server.waitFor();
        }
      }
    }
  }

  private String cluster(String name) {
    return sub + "/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/" + name;
  }

  private void create(String name, String properties) throws Exception {
    String body = "{\"location\":\"eastus\",\"properties\":{\"kubernetesVersion\":\"1.30.3\","
        + "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":2,\"mode\":\"System\"}],"
        + properties + "}}";
    awaitOperation(send("PUT", cluster(name) + API, body));
  }

  private void update(String name, java.util.function.Consumer<ObjectNode> change) throws Exception {
    ObjectNode body = (ObjectNode) Json.parse(send("GET", cluster(name) + API, null).body());
    change.accept(body);
    awaitOperation(send("PUT", cluster(name) + API, Json.write(body)));
  }

  private void awaitOperation(HttpResponse<String> accepted) throws Exception {
    assertThat(accepted.statusCode()).as(accepted.body()).isIn(200, 201);
    String status = accepted.headers().firstValue("Azure-AsyncOperation").orElseThrow();
    for (int i = 0; i < 600; i++) {
      JsonNode s = Json.parse(send("GET", status, null).body());
      if (!s.path("status").asText().matches("InProgress|Running|Accepted|")) {
        assertThat(s.path("status").asText()).as(s.toString()).isEqualTo("Succeeded");
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("operation did not end in 60 s: " + status);
  }

  /** {@code kubectl get nodes} until every listed node is Ready (at most 60 s); their names. */
  private List<String> awaitReady(String name) throws Exception {
    String out = "";
    for (int i = 0; i < 120; i++) {
      out = run(name, "kubectl get nodes");
      List<String> rows = rows(out, "Ready|NotReady");
      if (!rows.isEmpty() && rows.equals(rows(out, "Ready"))) {
        return rows;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("nodes of " + name + " not Ready in 60 s:\n" + out);
  }

  private List<String> readyNodes(String name) throws Exception {
    return rows(run(name, "kubectl get nodes"), "Ready");
  }

  private static List<String> rows(String table, String status) {
    Matcher m = ROW.matcher(table);
    java.util.ArrayList<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      if (m.group(2).matches(status)) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private String run(String name, String command) throws Exception {
    HttpResponse<String> r = send("POST", cluster(name) + "/runCommand" + API,
        Json.write(Json.object().put("command", command)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String location = r.headers().firstValue("Location").orElseThrow();
    for (int i = 0; i < 300; i++) {
      HttpResponse<String> result = send("GET", location, null);
      if (result.statusCode() == 200) {
        JsonNode p = Json.parse(result.body()).path("properties");
        if (p.has("logs")) {
          return p.path("logs").asText();
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("command result never came: " + location);
  }

  private void register(String feature) throws Exception {
    String path = sub + "/providers/Microsoft.Features/providers/Microsoft.ContainerService/features/"
        + feature;
    send("POST", path + "/register?api-version=2021-07-01", null);
    for (int i = 0; i < 200; i++) {
      if (send("GET", path + "?api-version=2021-07-01", null).body().contains("\"Registered\"")) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError(feature + " never Registered");
  }

  private Process startServer() throws IOException {
    List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), Isla.class.getName(), "up",
        "--data", data.toString(), "--feature-delay", "10", "--operation-delay", "10");
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(data.resolve("server-" + System.nanoTime() + ".log").toFile()).start();
  }

  private void connect(Process server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<InstanceState> state = InstanceState.readLive(data);
      if (state.isPresent() && state.get().pid() == server.pid()) {
        sub = state.get().armUrl() + "/subscriptions/" + state.get().subscriptionId();
        return;
      }
      assertThat(server.isAlive()).as("server process alive").isTrue();
      Thread.sleep(25);
    }
    throw new AssertionError("server did not publish its state in 60 s");
  }

  private HttpResponse<String> send(String method, String url, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
