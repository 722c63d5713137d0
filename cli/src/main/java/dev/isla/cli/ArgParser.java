package dev.isla.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses one command's arguments the way az's argparse does, from the command's table row, and
 * reports errors in argparse's wording. Supported spellings: {@code --name value},
 * {@code --name=value}, {@code -n value}, {@code -nvalue}, {@code -n=value}, and a unique
 * prefix of a long option ({@code --resource-g}, argparse's {@code allow_abbrev}, which az keeps
 * on); a list argument
 * ({@code nargs='+'}) takes every following token up to the next option; a repeated argument
 * keeps its last value. As in argparse, a token is an option when it starts with {@code -},
 * unless it is {@code -} alone, a negative number, or contains a space.
 *
 * <p>Not picocli (the house default): picocli's classes are Java 5 bytecode, which the JDK AOT
 * cache cannot hold, so every run loaded and verified ~150 of them; see docs/BENCHMARKS.md.
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
    List<Arg> all = allArgs(def);
    Map<String, Object> values = new HashMap<>();
    List<String> unrecognized = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      String token = tokens.get(i++);
      if (token.equals("--")) {
        unrecognized.addAll(tokens.subList(i, tokens.size()));
        break;
      }
      Optional<Match> match = isOption(token) ? match(def, all, token) : Optional.empty();
      if (match.isEmpty()) {
        unrecognized.add(token);
        continue;
      }
      i = take(def, match.get(), tokens, i, values);
    }
    if (!unrecognized.isEmpty()) {
      throw usage(def, "unrecognized arguments: " + String.join(" ", unrecognized));
    }
    if (!values.containsKey("--help")) {
      checkChoices(def, all, values);
      checkRequired(def, values);
    }
    return values;
  }

  /** An option token resolved to its argument, with a value written into the token. */
  private record Match(Arg arg, Optional<String> attached) {}

  private static boolean isOption(String token) {
    return token.startsWith("-") && token.length() > 1 && !isNegativeNumber(token)
        && !token.contains(" ");
  }

  /** argparse's {@code ^-\d+$|^-\d*\.\d+$}, without a regex at start-up. */
  private static boolean isNegativeNumber(String token) {
    int dot = token.indexOf('.');
    for (int i = 1; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!(c >= '0' && c <= '9') && i != dot) {
        return false;
      }
    }
    return dot < 0 || (dot < token.length() - 1 && token.indexOf('.', dot + 1) < 0);
  }

  private static Optional<Match> match(CommandDef def, List<Arg> all, String token) {
    Optional<Arg> exact = find(all, token);
    if (exact.isPresent()) {
      return Optional.of(new Match(exact.get(), Optional.empty()));
    }
    int eq = token.indexOf('=');
    String option = eq > 0 ? token.substring(0, eq) : token;
    Optional<String> attached = eq > 0 ? Optional.of(token.substring(eq + 1)) : Optional.empty();
    Optional<Arg> named = find(all, option);
    if (named.isPresent()) {
      return Optional.of(new Match(named.get(), attached));
    }
    if (option.startsWith("--")) {
      return abbreviation(def, all, option).map(a -> new Match(a, attached));
    }
    if (token.length() > 2) {
      return find(all, token.substring(0, 2)).filter(a -> a.kind() != Arg.Kind.FLAG)
          .map(a -> new Match(a, Optional.of(token.substring(2))));
    }
    return Optional.empty();
  }

  /** argparse's {@code allow_abbrev}: a unique prefix of a long option names it. */
  private static Optional<Arg> abbreviation(CommandDef def, List<Arg> all, String prefix) {
    List<Arg> args = new ArrayList<>();
    List<String> spellings = new ArrayList<>();
    for (Arg arg : all) {
      List<String> names = new ArrayList<>(List.of(arg.name()));
      names.addAll(arg.aliases());
      for (String name : names) {
        if (name.startsWith("--") && name.startsWith(prefix)) {
          spellings.add(name);
          if (!args.contains(arg)) {
            args.add(arg);
          }
        }
      }
    }
    if (args.size() > 1) {
      throw usage(def, "ambiguous option: " + prefix + " could match "
          + String.join(", ", spellings));
    }
    return args.stream().findFirst();
  }

  private static Optional<Arg> find(List<Arg> all, String spelling) {
    return all.stream()
        .filter(a -> a.name().equals(spelling) || a.aliases().contains(spelling)).findFirst();
  }

  /** Stores one option's value(s); returns the index of the next unread token. */
  private static int take(CommandDef def, Match match, List<String> tokens, int next,
      Map<String, Object> values) {
    Arg arg = match.arg();
    switch (arg.kind()) {
      case FLAG -> {
        if (match.attached().isPresent()) {
          throw usage(def, "argument " + arg.display() + ": ignored explicit argument '"
              + match.attached().get() + "'");
        }
        values.put(arg.name(), Boolean.TRUE);
        return next;
      }
      case VALUE -> {
        if (match.attached().isPresent()) {
          values.put(arg.name(), match.attached().get());
          return next;
        }
        if (next >= tokens.size() || isOption(tokens.get(next))) {
          throw usage(def, "argument " + arg.display() + ": expected one argument");
        }
        values.put(arg.name(), tokens.get(next));
        return next + 1;
      }
      default -> {
        if (match.attached().isPresent()) {
          values.put(arg.name(), List.of(match.attached().get()));
          return next;
        }
        int end = next;
        while (end < tokens.size() && !isOption(tokens.get(end))) {
          end++;
        }
        if (end == next) {
          throw usage(def, "argument " + arg.display() + ": expected at least one argument");
        }
        values.put(arg.name(), List.copyOf(tokens.subList(next, end)));
        return end;
      }
    }
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
    return new UsageException(HelpText.usage(def), message);
  }
}
