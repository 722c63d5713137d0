package dev.isla.cli;

/**
 * A command-line the parser refuses, printed as az (2.4x) prints it: {@code ERROR: <argparse's
 * message>}, for {@code --query} errors az's pointer to the query docs, then — where az prints
 * examples from its online knowledge base — the command's usage line (docs/DEVIATIONS.md);
 * exit code 2.
 */
public final class UsageException extends CliException {

  /** az's pointer printed under every {@code --query} error. */
  public static final String QUERY_HELP = "To learn more about --query, please visit: "
      + "'https://docs.microsoft.com/cli/azure/query-azure-cli'";

  private final String usage;

  public UsageException(String usage, String message) {
    super(message, 2);
    this.usage = usage;
  }

  @Override
  public String render() {
    return super.render() + (getMessage().contains("--query") ? "\n" + QUERY_HELP : "")
        + "\n\n" + usage;
  }
}
