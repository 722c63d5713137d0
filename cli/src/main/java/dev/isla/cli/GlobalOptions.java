package dev.isla.cli;

import java.util.List;
import java.util.Optional;

/**
 * The arguments every az command accepts.
 *
 * @param output {@code --output/-o}
 * @param query {@code --query}
 * @param subscription {@code --subscription}
 * @param debug {@code --debug}
 * @param verbose {@code --verbose}
 * @param onlyShowErrors {@code --only-show-errors}
 */
public record GlobalOptions(String output, Optional<String> query, Optional<String> subscription,
    boolean debug, boolean verbose, boolean onlyShowErrors) {

  /** az's output formats. */
  public static final List<String> FORMATS =
      List.of("json", "jsonc", "yaml", "yamlc", "table", "tsv", "none");

  /** The global arguments, as rows the parser adds to every command. */
  public static final List<Arg> ARGS = List.of(
      Arg.value("--output", "-o").choices(FORMATS.toArray(String[]::new))
          .help("Output format."),
      Arg.value("--query").help("JMESPath query string. See http://jmespath.org/ for more "
          + "information and examples."),
      Arg.value("--subscription").help("Name or ID of subscription."),
      Arg.flag("--debug").help("Increase logging verbosity to show all debug logs."),
      Arg.flag("--verbose").help("Increase logging verbosity. Use --debug for full debug logs."),
      Arg.flag("--only-show-errors").help("Only show errors, suppressing warnings."),
      Arg.flag("--help", "-h").help("Show this help message and exit."));

  public GlobalOptions {
    if (!FORMATS.contains(output)) {
      throw new IllegalArgumentException("unknown output format " + output);
    }
  }

  public static GlobalOptions defaults() {
    return new GlobalOptions("json", Optional.empty(), Optional.empty(), false, false, false);
  }
}
