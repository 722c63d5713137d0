package dev.isla.identity.acr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AcrScopeTest {

  @Test
  void parsesTypeNameAndActions() {
    AcrScope s = AcrScope.parse("repository:mcr/oss/kubernetes/pause:pull,push");

    assertThat(s.type()).isEqualTo("repository");
    assertThat(s.name()).isEqualTo("mcr/oss/kubernetes/pause");
    assertThat(s.actions()).containsExactly("pull", "push");
    assertThat(s.toString()).isEqualTo("repository:mcr/oss/kubernetes/pause:pull,push");
  }

  @Test
  void namesMayHoldAPort() {
    assertThat(AcrScope.parse("repository:localhost:5000/app:pull").name()).isEqualTo("localhost:5000/app");
    assertThat(AcrScope.parse("registry:catalog:*").actions()).containsExactly("*");
  }

  @Test
  void refusesOtherShapes() {
    assertThatThrownBy(() -> AcrScope.parse("repository")).hasMessageContaining("type:name:actions");
    assertThatThrownBy(() -> AcrScope.parse("repository:app")).hasMessageContaining("type:name:actions");
    assertThatThrownBy(() -> AcrScope.parse("Repo!:app:pull")).hasMessageContaining("not a registry scope");
  }
}
