package dev.isla.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTest {

  static final String SAMPLE = "{\"s\":\"a\\\"b\\u00e9\",\"i\":7,\"l\":12345678901,"
      + "\"big\":123456789012345678901234567890,\"d\":1.5,\"e\":1e300,\"t\":true,\"f\":false,"
      + "\"n\":null,\"a\":[1,{\"x\":[]},{}],\"o\":{}}";

  @Test
  void readsTheTreeObjectMapperReads() throws Exception {
    JsonNode expected = new ObjectMapper().readTree(SAMPLE);
    JsonNode parsed = Json.parse(SAMPLE);
    assertThat(parsed).isEqualTo(expected);
    assertThat(parsed.get("l").isLong()).isTrue();
    assertThat(parsed.get("big").isBigInteger()).isTrue();
    assertThat(parsed.get("d").isDouble()).isTrue();
  }

  @Test
  void writesWhatObjectMapperWrites() throws Exception {
    JsonNode tree = new ObjectMapper().readTree(SAMPLE);
    assertThat(Json.write(tree)).isEqualTo(new ObjectMapper().writeValueAsString(tree));
  }

  @Test
  void prettyIsAzIndent() {
    assertThat(Json.pretty(Json.parse("{\"a\":[1,{\"b\":{}}],\"c\":[],\"d\":\"x\"}")))
        .isEqualTo("{\n  \"a\": [\n    1,\n    {\n      \"b\": {}\n    }\n  ],\n  \"c\": [],\n"
            + "  \"d\": \"x\"\n}");
  }

  @Test
  void rejectsDuplicateKeysAndBrokenText() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> Json.parse("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{")).hasMessageNotContaining("REDACTED")
        .hasMessageContaining("line: 1, column: 1");
    assertThat(Json.parse("  ").isMissingNode()).isTrue();
  }

  /** Found by ArmInputFuzzTest: the overflow became the string "Infinity" once written back. */
  @Test
  void refusesNumbersOutsideTheDoubleRange() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1e99999}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Number 1e99999 is out of range");
    assertThatThrownBy(() -> Json.parse("-1e400")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Json.parse("1e308").doubleValue()).isEqualTo(1e308);
  }

  /** Text after the value was ignored: {@code {"a":1} x} read as {@code {"a":1}}. */
  @Test
  void refusesTextAfterTheValue() {
    for (String text : new String[] {"{\"a\":1} x", "{}{}", "[1] [2]", "1 2", "{} ,", "\"a\"\"b\"",
        "{}\u0000"}) {
      assertThatThrownBy(() -> Json.parse(text)).as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Unexpected text after the JSON value");
    }
    assertThat(Json.parse(" {\"a\":1} \r\n\t").path("a").asInt()).isEqualTo(1);
  }
}
