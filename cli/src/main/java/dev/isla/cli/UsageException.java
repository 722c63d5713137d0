package dev.isla.cli;

/**
 * A command-line the parser refuses, printed argparse-style as az does: the usage line, then
 * {@code az <command>: error: <message>}; exit code 2.
 */
public final class UsageException extends CliException {

  private final String usage;
  private final String command;

  public UsageException(String usage, String command, String message) {
    super(message, 2);
    this.usage = usage;
    this.command = command;
  }

  @Override
  public String render() {
    return usage + "\n" + command + ": error: " + getMessage();
  }
}
