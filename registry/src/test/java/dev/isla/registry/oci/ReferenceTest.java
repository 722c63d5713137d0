package dev.isla.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferenceTest {

  private static final String DIGEST =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

  @Test
  void tagsAndDigests() {
    assertThat(Reference.parse("v1.30.0_rc-1").tag()).hasValue("v1.30.0_rc-1");
    assertThat(Reference.parse(DIGEST).digest()).hasValue(Digest.parse(DIGEST));
    assertThat(Reference.parse("_x").tag()).hasValue("_x");
    assertThat(Reference.parse("a".repeat(128)).tag()).isPresent();
  }

  @Test
  void refusesBadTagsAndDigests() {
    for (String bad : new String[] {"", ".x", "-x", "a".repeat(129), "a/b", "sha256:bad"}) {
      assertThatThrownBy(() -> Reference.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
