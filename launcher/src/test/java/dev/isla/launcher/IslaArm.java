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
import java.time.Duration;

/**
 * The launcher tests' ARM client for one running instance: requests in az's shape, waiting for
 * long-running operations, and {@code az aks command invoke}. Clusters live in {@code rg1}.
 */
final class IslaArm {

  static final String API = "?api-version=2025-10-01";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String sub;

  IslaArm(InstanceState state) {
    this.sub = state.armUrl() + "/subscriptions/" + state.subscriptionId();
  }

  String cluster(String name) {
    return sub + "/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/" + name;
  }

  /** Registers the isolation preview feature and creates {@code rg1}. */
  void prepare() throws Exception {
    String path = sub + "/providers/Microsoft.Features/providers/Microsoft.ContainerService/"
        + "features/NetworkIsolatedClusterPreview";
    send("POST", path + "/register?api-version=2021-07-01", null);
    for (int i = 0; i < 200 && !send("GET", path + "?api-version=2021-07-01", null).body()
        .contains("\"Registered\""); i++) {
      Thread.sleep(25);
    }
    send("PUT", sub + "/resourceGroups/rg1?api-version=2024-11-01", "{\"location\":\"eastus\"}");
  }

  /** Creates a cluster (Kubernetes 1.30.3, {@code count} nodes) and waits for Succeeded. */
  JsonNode create(String name, int count, String properties) throws Exception {
    String body = "{\"location\":\"eastus\",\"properties\":{\"kubernetesVersion\":\"1.30.3\","
        + "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":" + count + ",\"mode\":\"System\"}],"
        + properties + "}}";
    awaitOperation(send("PUT", cluster(name) + API, body));
    return Json.parse(send("GET", cluster(name) + API, null).body());
  }

  void update(String name, java.util.function.Consumer<ObjectNode> change) throws Exception {
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

  /** {@code az aks command invoke}: the command's logs. */
  String run(String name, String command) throws Exception {
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

  HttpResponse<String> send(String method, String url, String body)
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
