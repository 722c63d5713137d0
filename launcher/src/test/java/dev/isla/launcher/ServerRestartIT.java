package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server as a child process: every write it acknowledged survives {@code kill -9},
 * and an operation it was running when killed finishes after the restart.
 */
class ServerRestartIT {

  private static final String API = "?api-version=2024-11-01";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;

  @Test
  void acknowledgedWritesSurviveKillMinusNineAndOperationsResume() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    for (int cycle = 0; cycle < 3; cycle++) {
      Process server = startServer("60000");
      try {
        InstanceState state = awaitState(server);
        String sub = state.armUrl() + "/subscriptions/" + state.subscriptionId();
        for (String rg : acknowledged) {
          assertThat(send("GET", sub + "/resourceGroups/" + rg + API, null).statusCode())
              .as("resource group %s acknowledged before a kill -9", rg).isEqualTo(200);
        }
        for (int i = 0; i < 40; i++) {
          String rg = "rg-" + cycle + "-" + i;
          HttpResponse<String> r = send("PUT", sub + "/resourceGroups/" + rg + API, "{\"location\":\"eastus\"}");
          if (r.statusCode() == 201) {
            acknowledged.add(rg);
          }
        }
        // A feature registration is in flight (60 s delay) when the server is killed.
        String feature = sub + "/providers/Microsoft.Features/providers/Microsoft.ContainerService/features/NetworkIsolatedClusterPreview";
        send("POST", feature + "/register?api-version=2021-07-01", null);
      } finally {
        server.destroyForcibly().waitFor();
      }
    }
    Process server = startServer("10");
    try {
      InstanceState state = awaitState(server);
      String sub = state.armUrl() + "/subscriptions/" + state.subscriptionId();
      JsonNode groups = Json.parse(send("GET", sub + "/resourcegroups" + API, null).body());
      assertThat(groups.path("value").size()).isEqualTo(acknowledged.size()).isEqualTo(120);
      String feature = sub + "/providers/Microsoft.Features/providers/Microsoft.ContainerService/features/NetworkIsolatedClusterPreview?api-version=2021-07-01";
      String featureState = "";
      for (int i = 0; i < 200 && !featureState.equals("Registered"); i++) {
        Thread.sleep(25);
        featureState = Json.parse(send("GET", feature, null).body()).path("properties").path("state").asText();
      }
      assertThat(featureState).as("the registration interrupted by kill -9 resumed").isEqualTo("Registered");
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private Process startServer(String featureDelayMs) throws IOException {
    List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), Isla.class.getName(), "up",
        "--data", data.toString(), "--feature-delay", featureDelayMs, "--operation-delay", "10");
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(data.resolve("server-" + System.nanoTime() + ".log").toFile()).start();
  }

  private InstanceState awaitState(Process server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<InstanceState> state = InstanceState.readLive(data);
      if (state.isPresent() && state.get().pid() == server.pid()) {
        return state.get();
      }
      assertThat(server.isAlive()).as("server process alive").isTrue();
      Thread.sleep(25);
    }
    throw new AssertionError("server did not publish its state in 30 s");
  }

  private HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
