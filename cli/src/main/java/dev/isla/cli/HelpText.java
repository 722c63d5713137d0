package dev.isla.cli;

import java.util.List;
import java.util.TreeSet;

/** az-style usage lines and {@code -h} text, generated from the command table. */
public final class HelpText {

  private HelpText() {}

  /** argparse's usage line for a command. */
  public static String usage(CommandDef def) {
    StringBuilder line = new StringBuilder("usage: az ").append(def.path())
        .append(" [-h] [--verbose] [--debug] [--only-show-errors]")
        .append(" [--output {").append(String.join(",", GlobalOptions.FORMATS)).append("}]")
        .append(" [--query JMESPATH] [--subscription _SUBSCRIPTION]");
    for (Arg arg : def.args()) {
      String shown = switch (arg.kind()) {
        case FLAG -> arg.name();
        case VALUE -> arg.name() + " " + arg.metavar();
        case LIST -> arg.name() + " " + arg.metavar() + " [" + arg.metavar() + " ...]";
      };
      line.append(' ').append(arg.required() && !arg.idPart() ? shown : "[" + shown + "]");
    }
    return line.toString();
  }

  /** The {@code -h} text of a command. */
  public static String help(CommandDef def) {
    StringBuilder text = new StringBuilder("\nCommand\n    az ").append(def.path()).append(" : ")
        .append(def.summary()).append("\n\nArguments\n");
    appendArgs(text, def.args());
    text.append("\nGlobal Arguments\n");
    appendArgs(text, GlobalOptions.ARGS);
    return text.toString();
  }

  private static void appendArgs(StringBuilder text, List<Arg> args) {
    for (Arg arg : args) {
      text.append("    ").append(arg.name());
      arg.aliases().forEach(a -> text.append(' ').append(a));
      if (arg.required()) {
        text.append(" [Required]");
      }
      text.append(" : ").append(arg.help());
      if (!arg.choices().isEmpty()) {
        text.append("  Allowed values: ").append(String.join(", ", arg.choices())).append('.');
      }
      text.append('\n');
    }
  }

  /** The help of a command group: its subgroups and commands. */
  public static String groupHelp(String prefix, List<CommandDef> table) {
    TreeSet<String> groups = new TreeSet<>();
    TreeSet<String> commands = new TreeSet<>();
    int depth = prefix.isEmpty() ? 0 : prefix.split(" ").length;
    for (CommandDef def : table) {
      List<String> words = def.words();
      if (!def.path().startsWith(prefix.isEmpty() ? "" : prefix + " ") || words.size() <= depth) {
        continue;
      }
      (words.size() == depth + 1 ? commands : groups).add(words.get(depth));
    }
    StringBuilder text = new StringBuilder("\nGroup\n    az ").append(prefix).append("\n");
    if (!groups.isEmpty()) {
      text.append("\nSubgroups:\n");
      groups.forEach(g -> text.append("    ").append(g).append('\n'));
    }
    if (!commands.isEmpty()) {
      text.append("\nCommands:\n");
      commands.forEach(c -> text.append("    ").append(c).append('\n'));
    }
    return text.toString();
  }
}
