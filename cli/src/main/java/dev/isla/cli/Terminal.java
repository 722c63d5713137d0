package dev.isla.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI knows about its terminal. {@code bin/az} tests the descriptors with {@code [ -t ]}
 * and passes the answers in {@code ISLA_AZ_STDIN_TTY} / {@code ISLA_AZ_STDERR_TTY}, which costs
 * nothing at start-up.
 *
 * @param stdinIsTerminal a prompt can be answered
 * @param stderrIsTerminal progress lines may be drawn
 * @param stdin where answers are read from
 */
public record Terminal(boolean stdinIsTerminal, boolean stderrIsTerminal, InputStream stdin) {

  /** Reads the launcher's answers from the environment. */
  public static Terminal fromEnvironment(Map<String, String> env, InputStream stdin) {
    return new Terminal("1".equals(env.get("ISLA_AZ_STDIN_TTY")),
        "1".equals(env.get("ISLA_AZ_STDERR_TTY")), stdin);
  }

  /** No terminal at all, as in a script or a test. */
  public static Terminal none() {
    return new Terminal(false, false, InputStream.nullInputStream());
  }

  /** One line typed by the user, if any. */
  public Optional<String> readLine() {
    try {
      return Optional.ofNullable(
          new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
