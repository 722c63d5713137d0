package dev.isla.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability under {@code kill -9}: a child JVM commits resources in a loop and acknowledges each
 * one after {@code transaction} returned; the test kills it mid-stream (SIGKILL, no shutdown
 * hooks), reopens the database and requires every acknowledged resource, readable. Each cycle
 * kills at a different point and continues on the same file, so recovery of a recovered
 * database is covered too.
 */
class SqliteCrashIT {

  private static final int CYCLES = 5;

  @TempDir Path folder;
  @TempDir Path logs;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAcknowledgedTransactionSurvivesKill9() throws Exception {
    int stored = 0;
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      Path log = logs.resolve("child-" + cycle + ".log");
      Process child = start(stored, log);
      List<Integer> acknowledged = readAcknowledgements(child, 200 + 50 * cycle, log);
      assertThat(child.isAlive()).as("child still committing when killed").isTrue();
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("child exited").isTrue();

      try (SqliteResourceStore store = SqliteResourceStore.open(folder)) {
        for (int n : acknowledged) {
          StoredResource resource = store.get(SqliteCrashChild.id(n))
              .orElseThrow(() -> new AssertionError("acknowledged resource " + n + " is gone"));
          assertThat(resource.body().get("n").asInt()).isEqualTo(n);
        }
        List<StoredResource> all = store.list(ResourceQuery.all());
        // commits are sequential, so what survived is 0..k without holes
        assertThat(all.stream().mapToInt(r -> r.body().get("n").asInt()).max().orElse(-1))
            .isEqualTo(all.size() - 1);
        stored = all.size();
      }
    }
  }

  private Process start(int first, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        SqliteCrashChild.class.getName(), folder.toString(), String.valueOf(first), "100000")
        .redirectError(log.toFile())
        .start();
  }

  private static List<Integer> readAcknowledgements(Process child, int wanted, Path log)
      throws IOException {
    List<Integer> acknowledged = new ArrayList<>();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    while (acknowledged.size() < wanted) {
      String line = out.readLine();
      if (line == null) {
        throw new AssertionError("the child stopped after " + acknowledged.size()
            + " acknowledgements; its stderr:\n" + Files.readString(log));
      }
      acknowledged.add(Integer.parseInt(line.strip()));
    }
    return acknowledged;
  }
}
