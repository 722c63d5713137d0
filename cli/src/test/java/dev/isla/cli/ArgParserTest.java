package dev.isla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** argparse's spellings and error texts, as az prints them. */
class ArgParserTest {

  static final CommandDef DEF = CommandDef.of("x show", "Show.", inv -> Optional.empty(),
      Arg.value("--name", "-n").asIdPart(), Arg.value("--count"), Arg.list("--ids"),
      Arg.flag("--yes", "-y"), Arg.value("--sku").choices("Basic", "Premium"));

  static Map<String, Object> parse(String... tokens) {
    return ArgParser.parse(DEF, List.of(tokens));
  }

  static String error(String... tokens) {
    try {
      parse(tokens);
    } catch (UsageException e) {
      return e.render().lines().toList().getFirst();
    }
    throw new AssertionError("no usage error");
  }

  @Test
  void spellings() {
    assertThat(parse("-n", "a")).containsEntry("--name", "a");
    assertThat(parse("--name=a=b")).containsEntry("--name", "a=b");
    assertThat(parse("-na")).containsEntry("--name", "a");
    assertThat(parse("-n=a")).containsEntry("--name", "a");
    assertThat(parse("-n", "a", "--name", "b")).containsEntry("--name", "b");
    assertThat(parse("-n", "a", "-y", "-otsv")).containsEntry("--yes", Boolean.TRUE)
        .containsEntry("--output", "tsv");
    assertThat(parse("--ids", "i1", "i2", "-y")).containsEntry("--ids", List.of("i1", "i2"));
    assertThat(parse("-n", "a", "--count", "-5")).containsEntry("--count", "-5");
    assertThat(parse("-n", "a", "--count", "-.5")).containsEntry("--count", "-.5");
    assertThat(parse("-n", "-has space")).containsEntry("--name", "-has space");
    assertThat(parse("-n", "a", "--sku", "premium")).containsEntry("--sku", "Premium");
    assertThat(parse("-h")).containsEntry("--help", Boolean.TRUE);
    assertThat(parse("--nam", "a", "--sk=Basic")).containsEntry("--name", "a")
        .containsEntry("--sku", "Basic");
  }

  @Test
  void argparseErrors() {
    assertThat(error("-n")).isEqualTo("ERROR: argument --name/-n: expected one argument");
    assertThat(error("-n", "--yes")).endsWith("argument --name/-n: expected one argument");
    assertThat(error("-n", "a", "--count", "-5x")).endsWith("argument --count: expected one "
        + "argument");
    assertThat(error("--ids")).endsWith("argument --ids: expected at least one argument");
    assertThat(error("-n", "a", "extra", "--nope", "v")).endsWith("unrecognized arguments: "
        + "extra --nope v");
    assertThat(error("-n", "a", "--yes=1")).endsWith("argument --yes/-y: ignored explicit "
        + "argument '1'");
    assertThat(error()).endsWith("the following arguments are required: --name/-n");
    assertThat(error("-n", "a", "--sku", "gold")).endsWith("argument --sku: invalid choice: "
        + "'gold' (choose from 'Basic', 'Premium')");
    assertThat(parse("--ids", "/x")).doesNotContainKey("--name");
    assertThat(parse("--n", "a")).containsEntry("--name", "a");
    assertThat(error("-n", "a", "--s", "x")).endsWith("ambiguous option: --s could match --sku, "
        + "--subscription");
  }

  @Test
  void usageLineFollowsTheError() {
    assertThatThrownBy(() -> parse("-n")).isInstanceOf(UsageException.class)
        .satisfies(e -> assertThat(((UsageException) e).render())
            .endsWith("\n\nusage: az x show [-h] [--verbose] [--debug] [--only-show-errors] "
                + "[--output {json,jsonc,yaml,yamlc,table,tsv,none}] [--query JMESPATH] "
                + "[--subscription _SUBSCRIPTION] [--name NAME] [--count COUNT] [--ids IDS [IDS "
                + "...]] [--yes] [--sku SKU]"))
        .satisfies(e -> assertThat(((UsageException) e).exitCode()).isEqualTo(2));
  }
}
