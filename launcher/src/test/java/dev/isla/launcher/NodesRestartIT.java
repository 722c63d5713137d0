package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

  private static final Pattern ROW = Pattern.compile("(?m)^(aks-\\S+)\\s+(Ready|NotReady)\\s");

  @TempDir Path data;
  private IslaArm arm;

  @Test
  void nodesComeBackWithTheirOwnBootstrapAfterStopAndAfterKillMinusNine() throws Exception {
    Process server = startServer();
    List<String> isolated;
    String staleBefore;
    try {
      connect(server);
      arm.prepare();
      arm.create("iso", 2, "\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},"
          + "\"networkProfile\":{\"outboundType\":\"none\"},\"apiServerAccessProfile\":{\"enablePrivateCluster\":true}");
      arm.create("stale", 2, "\"networkProfile\":{\"outboundType\":\"loadBalancer\"}");
      arm.update("stale", c -> ((ObjectNode) c.path("properties").path("bootstrapProfile"))
          .put("artifactSource", "Cache"));
      isolated = readyNodes("iso");
      assertThat(isolated).hasSize(2);
      staleBefore = arm.run("stale", "kubectl get nodes");
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
        assertThat(arm.run("stale", "kubectl get nodes"))
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

  /** {@code kubectl get nodes} until every listed node is Ready (at most 60 s); their names. */
  private List<String> awaitReady(String name) throws Exception {
    String out = "";
    for (int i = 0; i < 120; i++) {
      out = arm.run(name, "kubectl get nodes");
      List<String> rows = rows(out, "Ready|NotReady");
      if (!rows.isEmpty() && rows.equals(rows(out, "Ready"))) {
        return rows;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("nodes of " + name + " not Ready in 60 s:\n" + out);
  }

  private List<String> readyNodes(String name) throws Exception {
    return rows(arm.run(name, "kubectl get nodes"), "Ready");
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
        arm = new IslaArm(state.get());
        return;
      }
      assertThat(server.isAlive()).as("server process alive").isTrue();
      Thread.sleep(25);
    }
    throw new AssertionError("server did not publish its state in 60 s");
  }
}
