package dev.isla.launcher.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.rp.containerregistry.CacheRule;
import dev.isla.controlplane.rp.containerregistry.CacheRules;
import dev.isla.controlplane.rp.containerregistry.Registries;
import dev.isla.controlplane.rp.containerregistry.Registry;
import dev.isla.controlplane.rp.network.PrivateEndpoints;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.Cluster;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.catalog.PrivateEndpointAddress;
import dev.isla.fabric.catalog.Subnet;
import dev.isla.fabric.catalog.VirtualNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One consistent reading of the network-relevant resources of the store, shared by the fabric,
 * DNS and registry adapters (each keeps the current one in a {@link StoreSnapshot}): VNets,
 * subnets with their effective {@code defaultOutboundAccess}, clusters' outbound types,
 * registries with their private endpoint connections and cache rules.
 *
 * <p>Effective {@code defaultOutboundAccess}: the stored value when present; when absent,
 * {@code true} (every api-version Isla serves predates Azure's private-subnet default) except for
 * subnets AKS created in a node resource group, which Isla treats as private (AKS gives its
 * managed subnets no implicit egress, so the outbound type alone decides; docs/DEVIATIONS.md).
 */
record Topology(Map<String, VirtualNetwork> vnets, Map<String, Subnet> subnets,
    Map<String, Cluster> clusters, List<RegistryEntry> registries,
    Map<String, List<PrivateEndpointAddress>> endpointsByVnet) {

  /** A registry with what the data plane derives from it. */
  record RegistryEntry(Registry registry, List<PrivateEndpoints.Connection> connections,
      List<CacheRule> cacheRules) {

    boolean approvedPrivateEndpoint() {
      return connections.stream().anyMatch(c -> c.status().equals("Approved"));
    }
  }

  static Topology load(ResourceStore store) {
    Map<String, VirtualNetwork> vnets = new HashMap<>();
    for (StoredResource r : list(store, ResourceTypes.VIRTUAL_NETWORKS.key())) {
      List<AddressPrefix> prefixes = new ArrayList<>();
      r.body().path("properties").path("addressSpace").path("addressPrefixes")
          .forEach(p -> prefixes.add(AddressPrefix.parse(p.asText())));
      if (!prefixes.isEmpty()) {
        vnets.put(r.id().key(), new VirtualNetwork(r.id(), prefixes));
      }
    }
    Map<String, Subnet> subnets = new HashMap<>();
    for (StoredResource r : list(store, ResourceTypes.SUBNETS.key())) {
      subnet(store, r).ifPresent(s -> subnets.put(r.id().key(), s));
    }
    Map<String, Cluster> clusters = new HashMap<>();
    for (StoredResource r : list(store, ResourceTypes.MANAGED_CLUSTERS.key())) {
      String type = r.body().path("properties").path("networkProfile").path("outboundType")
          .asText("loadBalancer");
      clusters.put(r.id().key(), new Cluster(r.id(), OutboundType.parse(type)));
    }
    List<RegistryEntry> registries = new ArrayList<>();
    Map<String, List<PrivateEndpointAddress>> endpoints = new HashMap<>();
    for (Registry registry : Registries.all(store)) {
      List<PrivateEndpoints.Connection> connections =
          PrivateEndpoints.connectingTo(store, registry.id());
      registries.add(new RegistryEntry(registry, connections, CacheRules.of(store, registry.id())));
      for (PrivateEndpoints.Connection c : connections) {
        for (PrivateEndpoints.Member m : c.members()) {
          PrivateEndpointAddress address = new PrivateEndpointAddress(c.privateEndpoint(),
              c.subnet(), LogicalAddress.parse(m.address().toString()), registry.id(),
              m.requiredMemberName(), c.status().equals("Approved"));
          endpoints.computeIfAbsent(address.virtualNetworkId().key(), k -> new ArrayList<>())
              .add(address);
        }
      }
    }
    return new Topology(Map.copyOf(vnets), Map.copyOf(subnets), Map.copyOf(clusters),
        List.copyOf(registries), Map.copyOf(endpoints));
  }

  private static java.util.Optional<Subnet> subnet(ResourceStore store, StoredResource r) {
    JsonNode p = r.body().path("properties");
    String prefix = p.path("addressPrefix").asText(p.path("addressPrefixes").path(0).asText(""));
    if (prefix.isBlank()) {
      return java.util.Optional.empty();
    }
    boolean defaultOutbound = p.has("defaultOutboundAccess")
        ? p.path("defaultOutboundAccess").asBoolean(true)
        : !inNodeResourceGroup(store, r.id());
    return java.util.Optional.of(new Subnet(r.id(), AddressPrefix.parse(prefix), defaultOutbound,
        p.path("natGateway").has("id"), p.path("routeTable").has("id")));
  }

  /** A resource group AKS manages for a cluster ({@code managedBy} names the cluster). */
  private static boolean inNodeResourceGroup(ResourceStore store, ResourceId id) {
    ResourceId group = ResourceId.resourceGroup(id.subscriptionId(),
        id.resourceGroup().orElse(""));
    return store.get(group).map(g -> g.body().path("managedBy").asText("")
        .toLowerCase(java.util.Locale.ROOT).contains("/managedclusters/")).orElse(false);
  }

  private static List<StoredResource> list(ResourceStore store, String type) {
    return store.list(ResourceQuery.ofType(type));
  }
}
