package dev.isla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.isla.fuzz.Fuzz;
import dev.isla.fuzz.Mutations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The CLI with generated command lines and {@code --query} expressions. Every run ends, within
 * its bound, in a result (exit 0) or az's error on stderr — {@code ERROR: ...}, exit 2 for what
 * argparse refuses, 1 for other failures, 3 for a missing resource — never a Java stack trace.
 * Command lines run against a closed port (no ARM: whatever parses fails fast to connect);
 * queries against the real control plane.
 */
class CliFuzzTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  /** argparse's refusals, which az answers with exit 2. */
  private static final List<String> USAGE_ERRORS = List.of("unrecognized arguments",
      "expected one argument", "expected at least one argument", "the following arguments are "
          + "required", "invalid choice", "is misspelled or not recognized", "ambiguous option",
      "ignored explicit argument", "invalid jmespath_type value");

  /** Commands left out: {@code rest} dials the URL it is given. */
  private static final List<String> EXCLUDED = List.of("rest");

  static ServerAz live;
  static Map<String, String> offline;
  static Path config;

  record Run(List<String> args, int code, String out, String err) {
    @Override
    public String toString() {
      return "az " + String.join(" ", args).replace("\n", "\\n") + " -> " + code + "\n" + err;
    }
  }

  @BeforeContainer
  static void start() throws IOException {
    config = Files.createTempDirectory("isla-cli-fuzz");
    live = new ServerAz(Files.createDirectories(config.resolve("live")));
    live.ok("group", "create", "-n", "fuzz-a", "-l", "eastus");
    live.ok("group", "create", "-n", "fuzz-b", "-l", "westeurope", "--tags", "team=x", "n=1");
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    offline = Map.of("ISLA_ARM_URL", "http://127.0.0.1:" + closed, "ISLA_REGISTRY_URL",
        "http://127.0.0.1:" + closed, "ISLA_SUBSCRIPTION_ID", live.subscription(),
        "AZURE_CONFIG_DIR", Files.createDirectories(config.resolve("offline")).toString());
  }

  @AfterContainer
  static void stop() throws IOException {
    live.close();
    try (var walk = Files.walk(config)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Run run(List<String> args, Map<String, String> env) {
    return assertTimeoutPreemptively(BOUND, () -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Az.run(args.toArray(String[]::new), env,
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Run(args, code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }, () -> "az " + String.join(" ", args) + " did not end within " + BOUND);
  }

  /** What every run must look like. */
  static void assertAzLike(Run run) {
    assertThat(run.code()).as(run.toString()).isIn(0, 1, 2, 3);
    assertThat(run.err()).as(run.toString()).doesNotContain("\tat ").doesNotContain("Exception:")
        .doesNotContain("Error:").doesNotContain("java.");
    if (run.code() != 0) {
      assertThat(run.err()).as(run.toString()).startsWith("ERROR: ");
    }
    String firstLine = run.err().lines().findFirst().orElse("");
    if (USAGE_ERRORS.stream().anyMatch(firstLine::contains)) {
      assertThat(run.code()).as("a usage error exits 2: " + run).isEqualTo(2);
    }
  }

  @Provide
  Arbitrary<List<String>> commandLines() {
    List<CommandDef> defs = CommandTable.all().stream()
        .filter(d -> !EXCLUDED.contains(d.path())).toList();
    return Arbitraries.longs().map(seed -> commandLine(new Random(seed), defs))
        .withoutEdgeCases();
  }

  static List<String> commandLine(Random random, List<CommandDef> defs) {
    CommandDef def = defs.get(random.nextInt(defs.size()));
    List<String> args = new ArrayList<>(def.words());
    switch (random.nextInt(6)) {
      case 0 -> args.removeLast();
      case 1 -> args.add(random.nextInt(args.size() + 1), "grp" + random.nextInt(3));
      case 2 -> args.set(0, args.getFirst().toUpperCase(java.util.Locale.ROOT));
      default -> { }
    }
    List<String> options = new ArrayList<>(List.of("--output", "-o", "--query", "--subscription",
        "--only-show-errors", "--verbose", "-h", "--help", "--", "-", "--nope", "-x"));
    for (Arg arg : def.args()) {
      options.add(arg.name());
      options.addAll(arg.aliases());
    }
    List<String> values = List.of("x", "", " ", "eastus", "Premium", "json", "tsv", "table",
        "yamlc", "none", "-5", "-.5", "a=b", "team=x", "=", "@", "@/nonexistent/file",
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g", "10.0.0.0/8",
        "[].name", "[", "\u00e9\u0130", "\ud83d\ude00", "%s%n", "A".repeat(3000), "true", "0",
        "99999999999999999999");
    for (int i = 0, n = random.nextInt(8); i < n; i++) {
      String option = options.get(random.nextInt(options.size()));
      int form = random.nextInt(5);
      String value = values.get(random.nextInt(values.size()));
      switch (form) {
        case 0 -> args.add(option);
        case 1 -> args.add(option + "=" + value);
        case 2 -> args.add(value);
        default -> {
          args.add(option);
          args.add(value);
        }
      }
    }
    return args;
  }

  @Fuzz
  void everyCommandLineEndsInAResultOrAnAzError(@ForAll("commandLines") List<String> args) {
    assertAzLike(run(args, offline));
  }

  static final List<String> QUERY_SEEDS = List.of("[].name", "[?location=='eastus'].{n:name}",
      "length(@)", "sort_by(@, &name)[0].id", "[0].tags", "`{\"a\":1}`", "join(', ', [].name)",
      "max_by(@, &name).name", "@ | [0]", "[*].properties.provisioningState | [0]",
      "contains(keys(@[0]), 'id')", "reverse(@)", "[].tags.team || 'none'", "[-1:]",
      "[?tags.n == '1'] | length(@)", "map(&name, @)", "to_number([0].tags.n)");

  @Provide
  Arbitrary<String> queries() {
    return Arbitraries.oneOf(Arbitraries.of(QUERY_SEEDS), Mutations.of(QUERY_SEEDS,
        List.of("[", "]", "{", "}", "(", ")", "`", "'", "&", "|", "||", "&&", "!", "@", "*",
            "?", "==", "<", ":", ".", ",", "[::-1]", "[::0]", "[1:2:0]", "to_number(", "abs(",
            "not_null(", "\\u", "\\", "\"", "length(", "sum([].name)", "avg(@)",
            "(".repeat(3000), "[".repeat(3000), "!".repeat(5000), "a.".repeat(5000),
            "{a:".repeat(2000), "`" + "[".repeat(3000) + "`", "-1", "99999999999999999999")))
        .filter(q -> !q.isEmpty());
  }

  @Fuzz
  void everyQueryEvaluatesOrIsRefusedLikeAz(@ForAll("queries") String query) {
    Run run = run(List.of("group", "list", "--query", query), live.env());
    assertAzLike(run);
    if (run.code() == 2) {
      assertThat(run.err()).as(run.toString()).startsWith(
          "ERROR: argument --query: invalid jmespath_type value: '").contains(
          UsageException.QUERY_HELP);
    }
  }

  static final com.fasterxml.jackson.databind.JsonNode SHAPES = dev.isla.arm.Json.parse(
      "[{\"name\":\"a\",\"location\":\"eastus\",\"tags\":{\"n\":\"1\",\"team\":\"x\"},"
      + "\"id\":\"/subscriptions/s/resourceGroups/a\",\"properties\":{\"provisioningState\":"
      + "\"Succeeded\"}},{\"name\":\"b\",\"tags\":null,\"n\":[1,2.5,-3,true,\"s\",[],{}]}]");

  /** The same expressions without the command around them, many more per second. */
  @Fuzz
  void everyQueryAloneEvaluatesOrFailsWithAMessage(@ForAll("queries") String query) {
    assertTimeoutPreemptively(BOUND, () -> {
      try {
        dev.isla.cli.output.Query.apply(query, SHAPES);
      } catch (CliException e) {
        assertThat(e.exitCode()).as(query).isIn(1, 2);
      } catch (io.burt.jmespath.JmesPathException e) {
        // An evaluation error (a function given the wrong type): az's exit 1 with its message.
        assertThat(e.getMessage()).as(query).isNotBlank();
      }
    }, query::toString);
  }
}
