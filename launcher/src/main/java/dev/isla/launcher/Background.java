package dev.isla.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starting and stopping an instance in the background. {@code start} launches {@code isla up}
 * in a new session (so the caller's terminal signals don't reach it) with its output in
 * {@code isla.log} of the data folder, and returns once the instance published its state file;
 * {@code stop} sends SIGTERM, waits for a clean shutdown, and kills only as a last resort.
 */
final class Background {

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private Background() {}

  static int start(Path dir, String[] serveArgs, Duration timeout) throws IOException, InterruptedException {
    Optional<InstanceState> running = InstanceState.readLive(dir);
    if (running.isPresent()) {
      Endpoints.print(new PrintWriter(System.out, true), running.get(), dir);
      return 0;
    }
    Files.createDirectories(dir);
    Path log = dir.resolve("isla.log");
    Process child = new ProcessBuilder(command(dir, serveArgs))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true)
        .start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<InstanceState> state = InstanceState.readLive(dir);
      if (state.isPresent()) {
        Endpoints.print(new PrintWriter(System.out, true), state.get(), dir);
        return 0;
      }
      if (!child.isAlive()) {
        System.err.println("isla: the server exited with code " + child.exitValue() + "; last lines of " + log + ":");
        tail(log, 20).forEach(l -> System.err.println("  " + l));
        return 1;
      }
      Thread.sleep(50);
    }
    System.err.println("isla: the server did not start within " + timeout.toSeconds() + " s; see " + log);
    child.descendants().forEach(ProcessHandle::destroy);
    child.destroy();
    return 1;
  }

  private static List<String> command(Path dir, String[] serveArgs) {
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    String home = System.getProperty("isla.home");
    if (home != null) {
      cmd.add("-Disla.home=" + home);
    }
    // bin/isla passes the server's flags (bin/lib/java.sh); without it, Serial GC alone.
    java.util.Arrays.stream(System.getProperty("isla.server.jvm", "-XX:+UseSerialGC")
        .split("\\s+")).filter(flag -> !flag.isBlank()).forEach(cmd::add);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Isla.class.getName());
    cmd.add("up");
    cmd.add("--data");
    cmd.add(dir.toString());
    cmd.addAll(List.of(serveArgs));
    return cmd;
  }

  static int stop(Path dir) throws InterruptedException {
    Optional<InstanceState> state = InstanceState.readLive(dir);
    if (state.isEmpty()) {
      System.out.println("Isla is not running for " + dir);
      return 0;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(state.get().pid());
    if (process.isEmpty()) {
      return 0;
    }
    process.get().destroy();
    try {
      process.get().onExit().get(STOP_GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      System.out.println("Isla stopped (" + dir + ")");
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      process.get().destroyForcibly();
      System.out.println("Isla did not stop within " + STOP_GRACE.toSeconds() + " s and was killed (" + dir + ")");
    }
    return 0;
  }

  private static List<String> tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of("(no log: " + e.getMessage() + ")");
    }
  }
}
