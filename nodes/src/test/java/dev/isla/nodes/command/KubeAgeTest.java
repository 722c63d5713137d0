package dev.isla.nodes.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KubeAgeTest {

  @Test
  void formatsAsKubectlDoes() {
    assertThat(KubeAge.of(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(KubeAge.of(Duration.ofSeconds(150))).isEqualTo("2m30s");
    assertThat(KubeAge.of(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(KubeAge.of(Duration.ofMinutes(95))).isEqualTo("95m");
    assertThat(KubeAge.of(Duration.ofMinutes(200))).isEqualTo("3h20m");
    assertThat(KubeAge.of(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(KubeAge.of(Duration.ofHours(50))).isEqualTo("2d2h");
    assertThat(KubeAge.of(Duration.ofDays(10))).isEqualTo("10d");
  }

  @Test
  void theShellSplitsWordsAndQuotes() {
    assertThat(NodeShell.words("  curl -sS 'https://a/b c'  \"x y\"z ")).containsExactly(
        "curl", "-sS", "https://a/b c", "x yz");
  }
}
