package dev.isla.controlplane.rp.containerservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.arm.ArmException;
import org.junit.jupiter.api.Test;

class KubernetesVersionsTest {

  @Test
  void fullVersionsAndMinorsResolve() {
    assertThat(KubernetesVersions.resolve("1.30.3")).isEqualTo("1.30.3");
    assertThat(KubernetesVersions.resolve("1.31")).isEqualTo("1.31.11");
    assertThatThrownBy(() -> KubernetesVersions.resolve("1.30.4")).isInstanceOf(ArmException.class)
        .hasMessageContaining("Version 1.30.4 is not supported");
    assertThatThrownBy(() -> KubernetesVersions.resolve("1")).isInstanceOf(ArmException.class);
  }

  @Test
  void nodeImagesMoveForwardAndStayOnTheNewest() {
    String first = KubernetesVersions.NODE_IMAGES.getFirst();
    assertThat(KubernetesVersions.nextNodeImage(first)).isEqualTo(KubernetesVersions.NODE_IMAGES.get(1));
    String last = KubernetesVersions.NODE_IMAGES.getLast();
    assertThat(KubernetesVersions.nextNodeImage(last)).isEqualTo(last);
  }
}
