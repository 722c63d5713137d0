package dev.isla.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.arm.Json;
import dev.isla.cli.CliException;
import org.junit.jupiter.api.Test;

class QueryTest {

  /** Found by CliFuzzTest: thousands of nested brackets overflowed the parser's stack. */
  @Test
  void deeplyNestedExpressionsAreInvalidNotAStackOverflow() {
    for (String expression : new String[] {"(".repeat(3000), "[".repeat(3000) + "@",
        "{a:".repeat(2000), "!".repeat(20_000) + "@"}) {
      assertThatThrownBy(() -> Query.apply(expression, Json.parse("[{\"name\":\"a\"}]")))
          .isInstanceOf(CliException.class)
          .satisfies(e -> assertThat(((CliException) e).exitCode()).isIn(1, 2))
          .hasMessageStartingWith("argument --query: ");
    }
  }

  @Test
  void aValidQueryStillEvaluates() {
    assertThat(Query.apply("[0].name", Json.parse("[{\"name\":\"a\"}]")).asText()).isEqualTo("a");
    assertThatThrownBy(() -> Query.apply("[0", Json.parse("[]")))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("argument --query: invalid jmespath_type value: '[0'");
  }
}
