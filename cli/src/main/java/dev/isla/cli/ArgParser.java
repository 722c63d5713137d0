package dev.isla.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Parses one command's arguments with picocli, from a {@link CommandSpec} built out of the
 * command's table row (only the command being run is ever built), and reports errors in az's
 * argparse wording.
 */
public final class ArgParser {

  private ArgParser() {}

  /** All arguments of {@code def}: its own, then the global ones. */
  public static List<Arg> allArgs(CommandDef def) {
    List<Arg> all = new ArrayList<>(def.args());
    all.addAll(GlobalOptions.ARGS);
    return all;
  }

  /**
   * Parses {@code tokens} (the words after the command path).
   *
   * @return values by long option name: a {@code String}, a {@code List<String>} or
   *     {@code Boolean.TRUE}; absent arguments are missing from the map
   * @throws UsageException as az reports bad command lines
   */
  public static Map<String, Object> parse(CommandDef def, List<String> tokens) {
    CommandSpec spec = CommandSpec.create().name("az " + def.path());
    List<Arg> all = allArgs(def);
    for (Arg arg : all) {
      spec.addOption(option(arg));
    }
    spec.parser().expandAtFiles(false).overwrittenOptionsAllowed(true)
        .caseInsensitiveEnumValuesAllowed(true);
    ParseResult result;
    try {
      result = new CommandLine(spec).parseArgs(tokens.toArray(String[]::new));
    } catch (CommandLine.UnmatchedArgumentException e) {
      throw usage(def, "unrecognized arguments: " + String.join(" ", e.getUnmatched()));
    } catch (CommandLine.ParameterException e) {
      throw usage(def, argparseMessage(all, e));
    }
    Map<String, Object> values = new HashMap<>();
    for (Arg arg : all) {
      if (result.hasMatchedOption(arg.name())) {
        values.put(arg.name(), value(arg, result));
      }
    }
    if (!values.containsKey("--help")) {
      checkChoices(def, all, values);
      checkRequired(def, values);
    }
    return values;
  }

  private static OptionSpec option(Arg arg) {
    OptionSpec.Builder builder = OptionSpec.builder(arg.name(), arg.aliases().toArray(String[]::new));
    return switch (arg.kind()) {
      case FLAG -> builder.arity("0").type(boolean.class).build();
      case VALUE -> builder.arity("1").type(String.class).build();
      case LIST -> builder.arity("1..*").type(String[].class).build();
    };
  }

  private static Object value(Arg arg, ParseResult result) {
    return switch (arg.kind()) {
      case FLAG -> Boolean.TRUE;
      case VALUE -> result.matchedOptionValue(arg.name(), "");
      case LIST -> List.of(result.matchedOptionValue(arg.name(), new String[0]));
    };
  }

  private static String argparseMessage(List<Arg> all, CommandLine.ParameterException e) {
    if (e instanceof CommandLine.MissingParameterException missing && e.getArgSpec() != null
        && e.getArgSpec() instanceof OptionSpec option) {
      String shown = all.stream().filter(a -> a.name().equals(option.longestName()))
          .map(Arg::display).findFirst().orElse(option.longestName());
      boolean many = missing.getArgSpec().arity().max() > 1;
      return "argument " + shown + ": expected " + (many ? "at least one argument" : "one argument");
    }
    return e.getMessage();
  }

  private static void checkChoices(CommandDef def, List<Arg> all, Map<String, Object> values) {
    for (Arg arg : all) {
      if (arg.choices().isEmpty() || !(values.get(arg.name()) instanceof String given)) {
        continue;
      }
      String canonical = arg.canonicalChoice(given).orElseThrow(() -> usage(def,
          "argument " + arg.display() + ": invalid choice: '" + given + "' (choose from '"
              + String.join("', '", arg.choices()) + "')"));
      values.put(arg.name(), canonical);
    }
  }

  private static void checkRequired(CommandDef def, Map<String, Object> values) {
    boolean ids = values.containsKey("--ids");
    List<String> missing = def.args().stream()
        .filter(a -> a.required() && !values.containsKey(a.name()) && !(ids && a.idPart()))
        .map(Arg::display).toList();
    if (!missing.isEmpty()) {
      throw usage(def, "the following arguments are required: " + String.join(", ", missing));
    }
  }

  /** A usage error for {@code def}. */
  public static UsageException usage(CommandDef def, String message) {
    return new UsageException(HelpText.usage(def), "az " + def.path(), message);
  }
}
