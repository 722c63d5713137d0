package dev.isla.nodes.boot;

/** A boot phase failed: the phase, AgentBaker's exit code and the cause in words. */
public final class BootException extends Exception {

  private final BootPhase phase;
  private final int exitCode;

  public BootException(BootPhase phase, int exitCode, String cause) {
    super(cause);
    this.phase = phase;
    this.exitCode = exitCode;
  }

  public BootException(BootPhase phase, String cause) {
    this(phase, phase.exitCode(), cause);
  }

  public BootPhase phase() {
    return phase;
  }

  public int exitCode() {
    return exitCode;
  }
}
