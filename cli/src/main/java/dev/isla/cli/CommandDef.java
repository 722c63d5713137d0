package dev.isla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the command table: the command's words, its arguments, how its output is shaped and
 * the code that runs it.
 *
 * @param path the words after {@code az}, e.g. {@code network vnet subnet create}
 * @param summary one line for {@code -h}
 * @param args the command's own arguments (global ones are added by the parser)
 * @param shape output shaping rule
 * @param handler what runs
 */
public record CommandDef(String path, String summary, List<Arg> args, OutputShape shape,
    Handler handler) {

  /** Runs a parsed command; returns the result to print, or nothing. */
  @FunctionalInterface
  public interface Handler {
    Optional<JsonNode> run(Invocation invocation);
  }

  public CommandDef {
    Objects.requireNonNull(path);
    Objects.requireNonNull(summary);
    args = List.copyOf(args);
    Objects.requireNonNull(shape);
    Objects.requireNonNull(handler);
  }

  /** A command whose result is flattened like az's SDK models. */
  public static CommandDef of(String path, String summary, Handler handler, Arg... args) {
    return new CommandDef(path, summary, List.of(args), OutputShape.FLATTENED, handler);
  }

  /** The same command printing the wire JSON as is. */
  public CommandDef raw() {
    return new CommandDef(path, summary, args, OutputShape.RAW, handler);
  }

  /** The same command with more arguments. */
  public CommandDef with(List<Arg> more) {
    List<Arg> all = new ArrayList<>(args);
    all.addAll(more);
    return new CommandDef(path, summary, all, shape, handler);
  }

  /** True when {@code --ids} may stand in for the name arguments. */
  public boolean acceptsIds() {
    return args.stream().anyMatch(a -> a.name().equals("--ids"));
  }

  public List<String> words() {
    return List.of(path.split(" "));
  }
}
