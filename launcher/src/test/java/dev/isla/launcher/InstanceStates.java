package dev.isla.launcher;

import java.nio.file.Path;
import java.util.Optional;

/** Test access to the package-private {@link InstanceState} for tests in other packages. */
public final class InstanceStates {

  private InstanceStates() {}

  /** The state {@code pid} published in {@code data}, once it serves. */
  public static Optional<InstanceState> live(Path data, long pid) {
    return InstanceState.readLive(data).filter(s -> s.pid() == pid);
  }
}
