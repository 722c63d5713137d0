package dev.isla.controlplane.rp.containerservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import org.junit.jupiter.api.Test;

class OutboundTypesTest {

  @Test
  void canonicalSpellingInAnyCase() {
    assertThat(OutboundTypes.canonical("LoadBalancer")).isEqualTo("loadBalancer");
    assertThat(OutboundTypes.canonical("NONE")).isEqualTo("none");
    assertThatThrownBy(() -> OutboundTypes.canonical("nat")).isInstanceOf(ArmException.class);
  }

  @Test
  void migrationMatrixOfSection12() {
    OutboundTypes.checkMigration("loadBalancer", "none", false);
    OutboundTypes.checkMigration("none", "block", false);
    OutboundTypes.checkMigration("userDefinedRouting", "none", true);
    assertThatThrownBy(() -> OutboundTypes.checkMigration("none", "block", true))
        .satisfies(e -> assertThat(((ArmException) e).code()).isEqualTo(ArmErrorCode.NETWORK_ISOLATION_INVALID));
    assertThatThrownBy(() -> OutboundTypes.checkMigration("userAssignedNATGateway", "managedNATGateway", true))
        .isInstanceOf(ArmException.class);
  }
}
