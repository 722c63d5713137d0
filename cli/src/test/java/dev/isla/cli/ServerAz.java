package dev.isla.cli;

import dev.isla.controlplane.ArmTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CLI run in-process against the real control plane (an {@link ArmTestServer} on a free
 * loopback port), with its own az config folder: what {@code eval "$(bin/isla env)"} sets up.
 */
final class ServerAz implements AutoCloseable {

  /** One finished run: exit code and everything printed. */
  record Result(int code, String out, String err) {
    /** stdout without the trailing newline, as {@code $(...)} captures it. */
    String value() {
      return out.stripTrailing();
    }
  }

  final ArmTestServer server = new ArmTestServer();
  private final Map<String, String> env;

  ServerAz(Path configDir) {
    env = Map.of("ISLA_ARM_URL", server.baseUrl(), "ISLA_SUBSCRIPTION_ID", server.subscription(),
        "AZURE_CONFIG_DIR", configDir.toString());
  }

  Result run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Az.run(args, env, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** Runs a command that must succeed; returns what it printed (trailing newline stripped). */
  String ok(String... args) {
    Result r = run(args);
    if (r.code() != 0) {
      throw new AssertionError("az " + String.join(" ", args) + " exited " + r.code() + ": "
          + r.err());
    }
    return r.value();
  }

  /** The environment the CLI runs with. */
  Map<String, String> env() {
    return env;
  }

  String subscription() {
    return server.subscription();
  }

  @Override
  public void close() {
    server.close();
  }
}
