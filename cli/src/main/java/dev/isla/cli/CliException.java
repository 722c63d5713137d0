package dev.isla.cli;

/**
 * An error the CLI reports to the user: printed as {@code ERROR: <message>} on stderr, then the
 * process exits with {@link #exitCode()} (az's codes: 1 for errors, 2 for bad usage, 3 for a
 * missing resource).
 */
public class CliException extends RuntimeException {

  private final int exitCode;

  public CliException(String message) {
    this(message, 1);
  }

  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The text written to stderr, without a trailing newline. */
  public String render() {
    return "ERROR: " + getMessage();
  }
}
