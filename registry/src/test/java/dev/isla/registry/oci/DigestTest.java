package dev.isla.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {

  @Test
  void computesAndParsesSha256() {
    Digest digest = Digest.sha256("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(digest.toString())
        .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
  }

  @Test
  void computesSha512() {
    Digest digest = Digest.of("sha512", new byte[0]);
    assertThat(digest.hex()).hasSize(128).startsWith("cf83e1357eefb8bd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sha256", "sha256:", ":abc", "sha256:baddigeststring",
      "sha256:44136FA355B3678A1146AD16F7E8649E94FB4FC21FE77E8310C060F61CAAFF8A",
      "md5:d41d8cd98f00b204e9800998ecf8427e", "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc2",
      "sha256:../../etc/passwd"})
  void refusesInvalidOrUnsupported(String text) {
    assertThatThrownBy(() -> Digest.parse(text)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Digest.isDigest(text)).isFalse();
  }
}
