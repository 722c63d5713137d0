package dev.isla.fabric.catalog;

import dev.isla.arm.ResourceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mutable in-memory {@link FabricCatalog} for tests and demos. Each {@code put} adds or replaces
 * the entry with the same id (the same address, for private endpoint addresses; the same host,
 * for public services); reads see every write that returned before them.
 */
public final class InMemoryFabricCatalog implements FabricCatalog {

  private final Map<String, VirtualNetwork> vnets = new LinkedHashMap<>();
  private final Map<String, Subnet> subnets = new LinkedHashMap<>();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final List<PrivateEndpointAddress> endpoints = new ArrayList<>();
  private final Map<String, Registry> registries = new LinkedHashMap<>();
  private final Map<String, PublicService> services = new LinkedHashMap<>();

  public synchronized InMemoryFabricCatalog put(VirtualNetwork vnet) {
    vnets.put(vnet.id().key(), vnet);
    return this;
  }

  public synchronized InMemoryFabricCatalog put(Subnet subnet) {
    subnets.put(subnet.id().key(), subnet);
    return this;
  }

  public synchronized InMemoryFabricCatalog put(Cluster cluster) {
    clusters.put(cluster.id().key(), cluster);
    return this;
  }

  public synchronized InMemoryFabricCatalog put(PrivateEndpointAddress address) {
    endpoints.removeIf(e -> e.subnetId().equals(address.subnetId())
        && e.privateIpAddress().equals(address.privateIpAddress()));
    endpoints.add(address);
    return this;
  }

  public synchronized InMemoryFabricCatalog put(Registry registry) {
    registries.put(registry.id().key(), registry);
    return this;
  }

  public synchronized InMemoryFabricCatalog put(PublicService service) {
    services.put(service.host(), service);
    return this;
  }

  /** Removes every entry with that id (a VNet, subnet, cluster, registry or private endpoint). */
  public synchronized InMemoryFabricCatalog remove(ResourceId id) {
    vnets.remove(id.key());
    subnets.remove(id.key());
    clusters.remove(id.key());
    registries.remove(id.key());
    endpoints.removeIf(e -> e.privateEndpointId().equals(id));
    return this;
  }

  @Override
  public synchronized Optional<VirtualNetwork> virtualNetwork(ResourceId id) {
    return Optional.ofNullable(vnets.get(id.key()));
  }

  @Override
  public synchronized Optional<Subnet> subnet(ResourceId id) {
    return Optional.ofNullable(subnets.get(id.key()));
  }

  @Override
  public synchronized Optional<Cluster> cluster(ResourceId id) {
    return Optional.ofNullable(clusters.get(id.key()));
  }

  @Override
  public synchronized List<PrivateEndpointAddress> privateEndpointAddresses(
      ResourceId virtualNetworkId) {
    return endpoints.stream().filter(e -> e.virtualNetworkId().equals(virtualNetworkId)).toList();
  }

  @Override
  public synchronized List<Registry> registries() {
    return List.copyOf(registries.values());
  }

  @Override
  public synchronized List<PublicService> publicServices() {
    return List.copyOf(services.values());
  }
}
