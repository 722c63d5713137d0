package dev.isla.nodes;

import static dev.isla.nodes.NodeWorld.cache;
import static dev.isla.nodes.NodeWorld.direct;
import static dev.isla.nodes.NodeWorld.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.registry.RegistryServer;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.catalog.MemoryRegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.standin.StandInMcr;
import dev.isla.registry.storage.driver.MemoryDriver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nodes' artifact list ({@code BootArtifacts}) against the MCR stand-in's content table:
 * a {@code Direct} node pulls everything from the stand-in, a {@code Cache} node through Isla's
 * registry with the stand-in as upstream. Fails when the two tables drift.
 */
@Timeout(90)
class StandInContractIT {

  @TempDir
  static Path data;

  final NodeWorld world = new NodeWorld();
  final NodeAgents agents = world.agents();
  StandInMcr mcr;
  RegistryServer registry;

  @BeforeEach
  void start() {
    mcr = StandInMcr.start(data, List.of(NodeWorld.VERSION), "127.0.0.1", 0);
    MemoryRegistryCatalog catalog = new MemoryRegistryCatalog()
        .put(new RegistryInfo("myacr", NodeWorld.ACR, List.of(NodeWorld.ACR_DATA), false, false))
        .putRule("myacr", new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*",
            "aks-managed-repository/*"));
    registry = new RegistryServer(catalog, new MemoryDriver(),
        new UpstreamMap(Map.of("mcr.microsoft.com", mcr.baseUri())), "127.0.0.1", 0);
    world.services.register(NodeWorld.MCR_PUBLIC, 443, loopback(mcr.port()));
    for (LogicalAddress a : List.of(NodeWorld.PE_REGISTRY, NodeWorld.PE_DATA, NodeWorld.ACR_PUBLIC)) {
      world.services.register(a, 443, loopback(registry.port()));
    }
  }

  @AfterEach
  void stop() {
    registry.close();
    mcr.close();
    world.close();
  }

  @Test
  void aDirectNodeWithEgressPullsEveryArtifactFromTheStandIn() {
    world.outbound(OutboundType.LOAD_BALANCER);

    Node node = agents.provision(pool(1, direct("loadBalancer"))).getFirst();

    assertThat(node.failure()).isEmpty();
    assertThat(node.images()).hasSize(7);
  }

  @Test
  void aCacheNodePullsEveryArtifactThroughTheRegistryFromTheStandIn() {
    Node node = agents.provision(pool(1, cache("myacr.azurecr.io/aks-managed-repository")))
        .getFirst();

    assertThat(node.failure()).isEmpty();
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }
}
