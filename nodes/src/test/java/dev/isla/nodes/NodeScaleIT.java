package dev.isla.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fabric.address.LogicalAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hundred isolated nodes boot at once through one registry (bounded concurrency). */
@Timeout(120)
class NodeScaleIT {

  @Test
  void aHundredNodesComeUpReady() {
    try (NodeWorld world = new NodeWorld()) {
      NodeAgents agents = world.agents();
      PoolSpec spec = new PoolSpec(NodeWorld.CLUSTER, "nodepool1", "aks-nodepool1-12345678-vmss",
          NodeWorld.AKS_SUBNET, IntStream.range(0, 100)
              .mapToObj(i -> LogicalAddress.parse("192.168.1." + (4 + i))).toList(),
          NodeWorld.cache("myacr.azurecr.io/aks-managed-repository"));
      long started = System.nanoTime();

      List<Node> nodes = agents.provision(spec);

      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf("100 nodes Ready in %d ms%n", took.toMillis());
      assertThat(nodes).hasSize(100).allSatisfy(n -> assertThat(n.failure()).isEmpty());
      assertThat(nodes).extracting(Node::name).last()
          .isEqualTo("aks-nodepool1-12345678-vmss000099");
    }
  }
}
