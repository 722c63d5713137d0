package dev.isla.nodes;

import java.util.Objects;

/** What an in-node command printed (stdout and stderr, interleaved) and its exit code. */
public record CommandOutput(int exitCode, String output) {

  public CommandOutput {
    Objects.requireNonNull(output);
  }
}
