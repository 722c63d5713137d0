package dev.isla.controlplane.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InProcessNodesTest {

  private static final String CLUSTER = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c";

  private static BootstrapProfile direct() {
    return new BootstrapProfile("Direct", Optional.empty(), "client", "tenant", "loadBalancer", "subnet", "1.30.3");
  }

  private static BootstrapProfile cache() {
    return new BootstrapProfile("Cache", Optional.of("acr.azurecr.io/aks-managed-repository"), "client", "tenant",
        "none", "subnet", "1.30.3");
  }

  private static NodePoolSpec spec(int count, BootstrapProfile b) {
    return new NodePoolSpec(CLUSTER, "nodepool1", "aks-nodepool1-12345678-vmss", count, "Standard_DS2_v2", b);
  }

  @Test
  void nodesKeepTheirBootstrapUntilReimaged() {
    InProcessNodes nodes = new InProcessNodes();
    assertThat(nodes.provision(spec(2, direct()))).extracting(NodeState::name)
        .containsExactly("aks-nodepool1-12345678-vmss000000", "aks-nodepool1-12345678-vmss000001");
    assertThat(nodes.provision(spec(3, cache()))).extracting(n -> n.bootstrap().artifactSource())
        .containsExactly("Direct", "Direct", "Cache");
    assertThat(nodes.reimage(spec(3, cache()))).allMatch(n -> n.bootstrap().equals(cache()) && n.ready());
    assertThat(nodes.provision(spec(1, cache()))).hasSize(1);
    nodes.deleteCluster(CLUSTER);
    assertThat(nodes.nodes(CLUSTER)).isEmpty();
  }

  @Test
  void commandsNeedTheDataPlane() {
    assertThatThrownBy(() -> new InProcessNodes().runCommand(CLUSTER, "kubectl get nodes", ""))
        .isInstanceOf(DataPlaneUnavailableException.class).hasMessageContaining("runCommand needs the Isla data plane");
  }

  @Test
  void valuesAreValidatedOnConstruction() {
    assertThatThrownBy(() -> new BootstrapProfile("Cache", Optional.empty(), "c", "t", "none", "s", "1.30.3"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodePoolSpec(CLUSTER, "p", "nope", 1, "v", direct()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(cache().registryHost()).contains("acr.azurecr.io");
  }
}
