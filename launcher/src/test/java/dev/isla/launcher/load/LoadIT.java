package dev.isla.launcher.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.launcher.Isla;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load driver against the whole server as a child process ({@code isla up}), small and
 * bounded: 50 clients for 10 s by default ({@code ISLA_LOAD_CLIENTS}, {@code ISLA_LOAD_SECONDS}
 * for longer; {@code bench/load.sh} for the measured runs). It asserts correctness only, never
 * timing: no operation failed, every acknowledged write reads back, and every kind of operation
 * of the mix ran. Two runs on one instance, as {@code bench/load.sh} does, so the second one
 * meets the state the first left behind.
 */
class LoadIT {

  private static final List<String> KINDS = List.of("arm.group.put", "arm.group.patch",
      "arm.group.get", "arm.vnet.put", "arm.vnet.patch", "arm.vnet.delete", "arm.vnet.get",
      "arm.vnet.list", "arm.resources.filter", "reg.upload.post", "reg.upload.put",
      "reg.manifest.put", "reg.manifest.get", "reg.blob.get", "reg.blob.range",
      "reg.cache.manifest", "reg.cache.blob", "reg.tags.list");

  @TempDir Path data;

  @Test
  void concurrentArmAndRegistryLoadHasNoErrorsAndLosesNoWrite() throws Exception {
    int clients = bound("ISLA_LOAD_CLIENTS", 50);
    int seconds = bound("ISLA_LOAD_SECONDS", 10);
    Process server = startServer();
    try {
      awaitState(server);
      for (String run : List.of("a", "b")) {
        LoadDriver.Report report = LoadDriver.run(new LoadDriver.Settings(data, clients, seconds, 100_000, run));
        assertThat(report.errorLines()).as("operations that failed in run " + run).isEmpty();
        assertThat(report.losses()).as("acknowledged writes lost in run " + run).isEmpty();
        assertThat(report.rows()).extracting(LoadStats.Row::kind).containsAll(KINDS);
        assertThat(report.checked()).as("writes verified").isGreaterThan(clients);
      }
      assertThat(server.isAlive()).isTrue();
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private static int bound(String env, int fallback) {
    String value = System.getenv(env);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  private Process startServer() throws IOException {
    List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), Isla.class.getName(), "up",
        "--data", data.toString(), "--operation-delay", "10");
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(data.resolve("server.log").toFile()).start();
  }

  private void awaitState(Process server) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Path state = data.resolve("isla.json");
      if (Files.exists(state) && Files.readString(state).contains("\"pid\": " + server.pid())) {
        return;
      }
      assertThat(server.isAlive()).as("server process alive; log: %s", data.resolve("server.log")).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("server did not publish its state in 60 s");
  }
}
