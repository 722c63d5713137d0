package dev.isla.launcher.crash;

import dev.isla.launcher.InstanceStates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The product as {@code isla up} runs it, in a child JVM on the test classpath, on one data
 * folder that outlives every process: started, then killed with SIGKILL ({@code kill -9}: no
 * shutdown hook, no flush), and started again on the same folder.
 */
final class CrashServer {

  static final Duration START_BOUND = Duration.ofSeconds(180);
  private final Path data;
  private final Path logs;
  private final Duration operationDelay;
  private Process process;
  private Endpoints endpoints;
  private int starts;

  /** The addresses a started server published in its state file. */
  record Endpoints(String arm, String subscription, String registry, String mcr) {
    String sub() {
      return arm + "/subscriptions/" + subscription;
    }
  }

  CrashServer(Path data, Path logs, Duration operationDelay) {
    this.data = data;
    this.logs = logs;
    this.operationDelay = operationDelay;
  }

  /**
   * Starts a server on the data folder and waits until it serves, at most {@link #START_BOUND}
   * (generous: a start on a loaded 2-core machine has taken 57 s); past it, the server's
   * threads are dumped next to its log before failing.
   */
  Endpoints start() throws IOException, InterruptedException {
    List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
        "-cp", System.getProperty("java.class.path"), "dev.isla.launcher.Isla", "up",
        "--data", data.toString(), "--feature-delay", "10",
        "--operation-delay", String.valueOf(operationDelay.toMillis()));
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(logs.resolve("server-" + (starts++) + ".log").toFile()).start();
    long deadline = System.nanoTime() + START_BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      var state = InstanceStates.live(data, process.pid());
      if (state.isPresent()) {
        endpoints = new Endpoints(state.get().armUrl(), state.get().subscriptionId(),
            state.get().registryUrl(), state.get().mcrUrl());
        return endpoints;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue()
            + " before serving; see " + logs);
      }
      Thread.sleep(25);
    }
    dumpThreads(starts - 1);
    throw new IllegalStateException("the server did not publish its state in "
        + START_BOUND.toSeconds() + " s; see " + logs);
  }

  private void dumpThreads(int start) throws IOException, InterruptedException {
    String jcmd = Path.of(ProcessHandle.current().info().command().orElse("java"))
        .resolveSibling("jcmd").toString();
    new ProcessBuilder(jcmd, String.valueOf(process.pid()), "Thread.print")
        .redirectErrorStream(true).redirectOutput(logs.resolve("server-" + start + "-threads.txt").toFile())
        .start().waitFor(30, TimeUnit.SECONDS);
  }

  Endpoints endpoints() {
    return endpoints;
  }

  /** SIGKILL, then waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server survived SIGKILL for 30 s");
    }
  }

  /** SIGTERM (as {@code isla stop}), then waits. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  int starts() {
    return starts;
  }
}
