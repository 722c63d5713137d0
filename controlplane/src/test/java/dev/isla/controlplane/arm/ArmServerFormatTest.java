package dev.isla.controlplane.arm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.ErrorFormat;
import org.junit.jupiter.api.Test;

class ArmServerFormatTest {

  @Test
  void theAnsweringProviderDecidesTheErrorFormat() {
    String cluster = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c";
    assertThat(ArmServer.formatFor(cluster)).isEqualTo(ErrorFormat.FLAT);
    assertThat(ArmServer.formatFor("/subscriptions/s/providers/microsoft.containerservice/locations/eastus/operations/x"))
        .isEqualTo(ErrorFormat.FLAT);
    assertThat(ArmServer.formatFor(cluster + "/providers/Microsoft.Authorization/roleAssignments/g"))
        .isEqualTo(ErrorFormat.WRAPPED);
    assertThat(ArmServer.formatFor("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"))
        .isEqualTo(ErrorFormat.WRAPPED);
    assertThat(ArmServer.formatFor("/subscriptions/s/resourceGroups/rg")).isEqualTo(ErrorFormat.WRAPPED);
  }
}
