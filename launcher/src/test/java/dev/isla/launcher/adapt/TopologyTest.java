package dev.isla.launcher.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.store.MemoryResourceStore;
import dev.isla.fabric.catalog.OutboundType;
import org.junit.jupiter.api.Test;

class TopologyTest {

  private static final String SUB = "00000000-0000-0000-0000-000000000001";
  private final ObservedStore store = new ObservedStore(new MemoryResourceStore());

  @Test
  void absentDefaultOutboundAccessIsTrueInTheUsersGroupAndFalseInANodeResourceGroup() {
    ResourceId byo = vnet("rg", false).child("subnets", "aks");
    ResourceId managed = vnet("MC_rg_aks_eastus", true).child("subnets", "aks-subnet");
    put(byo, ResourceTypes.SUBNETS.key(), subnet(null));
    put(managed, ResourceTypes.SUBNETS.key(), subnet(null));
    StoreFabricCatalog catalog = new StoreFabricCatalog(store, java.util.List.of());
    assertThat(catalog.subnet(byo).orElseThrow().defaultOutboundAccess()).isTrue();
    assertThat(catalog.subnet(managed).orElseThrow().defaultOutboundAccess()).isFalse();
  }

  @Test
  void anExplicitValueWinsAndAWriteIsSeenAtOnce() {
    ResourceId s = vnet("rg", false).child("subnets", "aks");
    put(s, ResourceTypes.SUBNETS.key(), subnet(true));
    StoreFabricCatalog catalog = new StoreFabricCatalog(store, java.util.List.of());
    assertThat(catalog.subnet(s).orElseThrow().defaultOutboundAccess()).isTrue();
    put(s, ResourceTypes.SUBNETS.key(), subnet(false));
    assertThat(catalog.subnet(s).orElseThrow().defaultOutboundAccess()).isFalse();
  }

  @Test
  void clustersCarryTheirOutboundTypeDefaultingToLoadBalancer() {
    ResourceId aks = ResourceId.of(SUB, "rg", "Microsoft.ContainerService", "managedClusters", "a");
    ObjectNode body = Json.object();
    body.putObject("properties");
    put(aks, ResourceTypes.MANAGED_CLUSTERS.key(), body);
    StoreFabricCatalog catalog = new StoreFabricCatalog(store, java.util.List.of());
    assertThat(catalog.cluster(aks).orElseThrow().outboundType()).isEqualTo(OutboundType.LOAD_BALANCER);
    ((ObjectNode) body.get("properties")).putObject("networkProfile").put("outboundType", "none");
    put(aks, ResourceTypes.MANAGED_CLUSTERS.key(), body);
    assertThat(catalog.cluster(aks).orElseThrow().outboundType()).isEqualTo(OutboundType.NONE);
  }

  private ResourceId vnet(String group, boolean nodeResourceGroup) {
    ObjectNode rg = Json.object().put("location", "eastus");
    if (nodeResourceGroup) {
      rg.put("managedBy", ResourceId.of(SUB, "rg", "Microsoft.ContainerService", "managedClusters",
          "aks").toString());
    }
    put(ResourceId.resourceGroup(SUB, group), ResourceTypes.RESOURCE_GROUPS.key(), rg);
    ResourceId id = ResourceId.of(SUB, group, "Microsoft.Network", "virtualNetworks", "v");
    ObjectNode body = Json.object();
    body.putObject("properties").putObject("addressSpace").putArray("addressPrefixes")
        .add("10.0.0.0/16");
    put(id, ResourceTypes.VIRTUAL_NETWORKS.key(), body);
    return id;
  }

  private static ObjectNode subnet(Boolean defaultOutboundAccess) {
    ObjectNode body = Json.object();
    ObjectNode p = body.putObject("properties").put("addressPrefix", "10.0.1.0/24");
    if (defaultOutboundAccess != null) {
      p.put("defaultOutboundAccess", defaultOutboundAccess);
    }
    return body;
  }

  private void put(ResourceId id, String type, ObjectNode body) {
    store.transaction(tx -> tx.put(id, type, body));
  }
}
