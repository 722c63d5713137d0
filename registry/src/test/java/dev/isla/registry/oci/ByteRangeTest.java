package dev.isla.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The range cases of the conformance suite's 2,048-byte blob (research/registry.md §3.4). */
class ByteRangeTest {

  private static ByteRange.Resolution of(String header) {
    return ByteRange.parse(Optional.of(header), 2048);
  }

  @Test
  void satisfiableRanges() {
    assertThat(of("bytes=500-1499")).isEqualTo(new ByteRange.Part(new ByteRange(500, 1499, 2048)));
    assertThat(of("bytes=500-")).isEqualTo(new ByteRange.Part(new ByteRange(500, 2047, 2048)));
    assertThat(of("bytes=-500")).isEqualTo(new ByteRange.Part(new ByteRange(1548, 2047, 2048)));
    assertThat(of("bytes=2000-5000")).isEqualTo(
        new ByteRange.Part(new ByteRange(2000, 2047, 2048)));
    assertThat(of("bytes=-5000")).isEqualTo(new ByteRange.Part(new ByteRange(0, 2047, 2048)));
    assertThat(new ByteRange(500, 1499, 2048).contentRange()).isEqualTo("bytes 500-1499/2048");
  }

  @Test
  void unsatisfiableRanges() {
    assertThat(of("bytes=500-0")).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(of("bytes=5000-10000")).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(of("bytes=2048-")).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(of("bytes=-0")).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void ignoredHeaders() {
    assertThat(ByteRange.parse(Optional.empty(), 10)).isInstanceOf(ByteRange.Whole.class);
    assertThat(of("bytes=0-1,5-6")).isInstanceOf(ByteRange.Whole.class);
    assertThat(of("items=0-1")).isInstanceOf(ByteRange.Whole.class);
    assertThat(of("bytes=-")).isInstanceOf(ByteRange.Whole.class);
    assertThat(of("bytes=99999999999999999999-")).isInstanceOf(ByteRange.Whole.class);
  }
}
