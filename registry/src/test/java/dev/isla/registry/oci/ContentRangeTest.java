package dev.isla.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentRangeTest {

  @Test
  void parsesTheSpecAndRfcForms() {
    assertThat(ContentRange.parse("0-1023")).isEqualTo(new ContentRange(0, 1023));
    assertThat(ContentRange.parse("bytes 10-19/*")).isEqualTo(new ContentRange(10, 19));
    assertThat(ContentRange.parse("bytes=10-19/100").length()).isEqualTo(10);
  }

  @Test
  void refusesNonsense() {
    for (String bad : new String[] {"", "10", "10-5", "-1-5", "a-b", "1-2-3"}) {
      assertThatThrownBy(() -> ContentRange.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
