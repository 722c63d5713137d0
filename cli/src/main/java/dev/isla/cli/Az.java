package dev.isla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.cli.output.Query;
import dev.isla.cli.output.Renderer;
import dev.isla.cli.output.Shaping;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The az-compatible CLI's entry point. {@link #run} is the whole program without
 * {@code System.exit}, so tests drive it in-process.
 */
public final class Az {

  private Az() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, System.getenv(), out, err, Terminal.fromEnvironment(System.getenv(),
        System.in));
    out.flush();
    err.flush();
    // halt, not exit: System.exit logs the exit through System.Logger, whose first use loads
    // the logging framework and scans every jar for a LoggerFinder (~70 classes, docs/
    // BENCHMARKS.md). The CLI has no shutdown hooks, and both streams are flushed above.
    Runtime.getRuntime().halt(code);
  }

  /** Runs without a terminal (scripts, tests). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, out, err, Terminal.none());
  }

  /**
   * Runs one az command line.
   *
   * @return the process exit code: 0 ok, 1 error, 2 bad usage, 3 resource not found
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
      Terminal terminal) {
    long start = System.nanoTime();
    Phases phases = new Phases(err, "1".equals(env.get("ISLA_AZ_TIMING")));
    boolean debug = Arrays.asList(args).contains("--debug");
    try {
      int code = execute(List.of(args), env, out, err, terminal, phases);
      if (Arrays.asList(args).contains("--verbose") || debug) {
        err.printf("INFO: Command ran in %.3f seconds%n", (System.nanoTime() - start) / 1e9);
      }
      return code;
    } catch (CliException e) {
      err.println(e.render());
      return e.exitCode();
    } catch (RuntimeException e) {
      if (debug) {
        e.printStackTrace(err);
      }
      err.println("ERROR: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()));
      return 1;
    } finally {
      out.flush();
      phases.mark("done");
      phases.report();
    }
  }

  private static int execute(List<String> args, Map<String, String> env, PrintStream out,
      PrintStream err, Terminal terminal, Phases phases) {
    List<CommandDef> table = CommandTable.all();
    phases.mark("table");
    int words = 0;
    while (words < args.size() && !args.get(words).startsWith("-")) {
      words++;
    }
    Optional<CommandDef> found = CommandTable.longestMatch(table, args.subList(0, words));
    phases.mark("match");
    if (found.isEmpty()) {
      String prefix = CommandTable.groupPrefix(table, args.subList(0, words));
      int known = prefix.isEmpty() ? 0 : prefix.split(" ").length;
      if (known == words) {
        out.print(HelpText.groupHelp(prefix, table));
        return 0;
      }
      String unknown = args.get(known);
      throw new CliException("'" + unknown + "' is misspelled or not recognized by the system.",
          2);
    }
    CommandDef def = found.get();
    int used = def.words().size();
    Map<String, Object> values = ArgParser.parse(def, args.subList(used, args.size()));
    phases.mark("parse");
    if (values.containsKey("--help")) {
      out.print(HelpText.help(def));
      return 0;
    }
    GlobalOptions globals = new GlobalOptions(
        (String) values.getOrDefault("--output", "json"),
        Optional.ofNullable((String) values.get("--query")),
        Optional.ofNullable((String) values.get("--subscription")),
        values.containsKey("--debug"), values.containsKey("--verbose"),
        values.containsKey("--only-show-errors"));
    Session session = new Session(env, out, err, terminal, globals);
    Optional<JsonNode> result = def.handler().run(new Invocation(session, def, values));
    phases.mark("call");
    result.ifPresent(r -> print(r, def, globals, out));
    return 0;
  }

  private static void print(JsonNode result, CommandDef def, GlobalOptions globals,
      PrintStream out) {
    JsonNode shaped = Shaping.apply(result, def.shape());
    if (globals.query().isPresent()) {
      shaped = Query.apply(globals.query().get(), shaped);
      if (shaped == null || shaped.isNull() || shaped.isMissingNode()) {
        return;
      }
    }
    out.print(Renderer.render(shaped, globals.output(), globals.query().isPresent()));
  }
}
