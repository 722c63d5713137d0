package dev.isla.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"pause", "oss/kubernetes/pause", "a.b_c__d--e/f-g",
      "aks-managed-repository/oss/v2/kubernetes/pause", "0"})
  void acceptsTheGrammar(String name) {
    assertThat(RepositoryName.parse(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "a/..", "../a", "/abs", "a//b", "a/", "A", "a/.b",
      "a/%2e%2e", "a_", "a___b", "a/b c", "a\\b"})
  void refusesAnythingElse(String name) {
    assertThatThrownBy(() -> RepositoryName.parse(name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void limitsTheLength() {
    assertThatThrownBy(() -> RepositoryName.parse("a".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RepositoryName.parse("a".repeat(255)).value()).hasSize(255);
  }
}
