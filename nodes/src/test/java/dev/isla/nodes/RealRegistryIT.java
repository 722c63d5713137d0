package dev.isla.nodes;

import static dev.isla.nodes.NodeWorld.cache;
import static dev.isla.nodes.NodeWorld.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fabric.address.LogicalAddress;
import dev.isla.registry.RegistryServer;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.catalog.MemoryRegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.MemoryDriver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nodes booting through Isla's real registry (module {@code registry}: OCI API, pull-through
 * with single flight) with the {@code aks-managed-mcr} cache rule to the scripted MCR, behind
 * the registry's private endpoint. The registry does not enforce tokens yet (its access policy
 * allows all), so the nodes find anonymous pull and skip the login.
 */
@Timeout(60)
class RealRegistryIT {

  static final String SERVER = "myacr.azurecr.io/aks-managed-repository";

  final NodeWorld world = new NodeWorld();
  final NodeAgents agents = world.agents();
  final MemoryRegistryCatalog catalog = new MemoryRegistryCatalog().put(new RegistryInfo("myacr",
      NodeWorld.ACR, List.of(NodeWorld.ACR_DATA), false, false));
  RegistryServer registry;

  @BeforeEach
  void start() {
    registry = new RegistryServer(catalog, new MemoryDriver(), new UpstreamMap(Map.of(
        "mcr.microsoft.com", URI.create("http://127.0.0.1:" + world.mcrPort))), "127.0.0.1", 0);
    var listener = new InetSocketAddress(InetAddress.getLoopbackAddress(), registry.port());
    for (LogicalAddress a : List.of(NodeWorld.PE_REGISTRY, NodeWorld.PE_DATA, NodeWorld.ACR_PUBLIC)) {
      world.services.register(a, 443, listener);
    }
  }

  @AfterEach
  void stop() {
    registry.close();
    world.close();
  }

  @Test
  void nodesBootThroughTheCacheRuleAndPullEachBlobFromMcrOnce() {
    catalog.putRule("myacr", new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*",
        "aks-managed-repository/*"));

    List<Node> nodes = agents.provision(pool(3, cache(SERVER)));

    assertThat(nodes).allSatisfy(n -> assertThat(n.failure()).isEmpty());
    long upstreamBlobGets = world.mcr.seen.stream()
        .filter(s -> s.target().contains("/blobs/")).count();
    assertThat(upstreamBlobGets).isEqualTo(14);
  }

  @Test
  void withoutACacheRuleTheBinariesPullFailsWithTheRegistrysNameUnknown() {
    Node node = agents.provision(pool(1, cache(SERVER))).getFirst();

    assertThat(node.failure()).hasValueSatisfying(f -> {
      assertThat(f.phase()).isEqualTo("kubernetesNode");
      assertThat(f.exitCode()).isEqualTo(207);
      // ACR answers NAME_UNKNOWN for a repository it does not know; the registry branch says
      // MANIFEST_UNKNOWN today. Either names the 404 the node saw.
      assertThat(f.cause()).containsPattern("/v2/aks-managed-repository/oss/binaries/kubernetes/"
          + "kubernetes-node/manifests/v1.30.3-linux-amd64: 404 (NAME|MANIFEST)_UNKNOWN");
    });
    assertThat(world.mcr.seen).isEmpty();
  }

  @Test
  void withTheUpstreamDownAndNothingCachedThePullFailsWithTheRegistrysUpstreamError() {
    catalog.putRule("myacr", new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*",
        "aks-managed-repository/*"));
    world.stopMcr();

    Node node = agents.provision(pool(1, cache(SERVER))).getFirst();

    assertThat(node.failure()).hasValueSatisfying(f -> {
      assertThat(f.exitCode()).isEqualTo(207);
      assertThat(f.cause()).containsPattern(": (424|5\\d\\d) ");
    });
  }
}
