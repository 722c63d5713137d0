package dev.isla.controlplane.port;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of a command run inside a cluster ({@code az aks command invoke}).
 *
 * @param exitCode the command's exit code
 * @param logs what it printed (stdout and stderr interleaved)
 * @param startedAt when it started
 * @param finishedAt when it ended
 */
public record CommandResult(int exitCode, String logs, Instant startedAt, Instant finishedAt) {

  public CommandResult {
    Objects.requireNonNull(logs);
    Objects.requireNonNull(startedAt);
    Objects.requireNonNull(finishedAt);
  }
}
