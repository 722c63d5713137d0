package dev.isla.launcher.adapt;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.catalog.Cluster;
import dev.isla.fabric.catalog.FabricCatalog;
import dev.isla.fabric.catalog.PrivateEndpointAddress;
import dev.isla.fabric.catalog.PublicService;
import dev.isla.fabric.catalog.Registry;
import dev.isla.fabric.catalog.Subnet;
import dev.isla.fabric.catalog.VirtualNetwork;
import java.util.List;
import java.util.Optional;

/**
 * The fabric's {@link FabricCatalog} over the control plane's store: VNets, subnets (effective
 * {@code defaultOutboundAccess}, see {@link Topology}), clusters' outbound types (AKS-managed
 * VNets in node resource groups included: they are ordinary VNet resources there), private
 * endpoint addresses of registries, registries with their {@link PublicAddresses} and the
 * public services Isla simulates. Answers come from a {@link Topology} read once per store
 * version, so a connection costs no store read unless something was written since.
 */
public final class StoreFabricCatalog implements FabricCatalog {

  private final StoreSnapshot<Topology> topology;
  private final List<PublicService> publicServices;

  /**
   * @param publicHosts the names of the simulated public services (e.g. {@code mcr.microsoft.com})
   */
  public StoreFabricCatalog(ObservedStore store, List<String> publicHosts) {
    this(new StoreSnapshot<>(store, () -> Topology.load(store)), publicHosts);
  }

  StoreFabricCatalog(StoreSnapshot<Topology> topology, List<String> publicHosts) {
    this.topology = topology;
    this.publicServices = publicHosts.stream()
        .map(h -> new PublicService(h, PublicAddresses.of(h))).toList();
  }

  @Override
  public Optional<VirtualNetwork> virtualNetwork(ResourceId id) {
    return Optional.ofNullable(topology.get().vnets().get(id.key()));
  }

  @Override
  public Optional<Subnet> subnet(ResourceId id) {
    return Optional.ofNullable(topology.get().subnets().get(id.key()));
  }

  @Override
  public Optional<Cluster> cluster(ResourceId id) {
    return Optional.ofNullable(topology.get().clusters().get(id.key()));
  }

  @Override
  public List<PrivateEndpointAddress> privateEndpointAddresses(ResourceId virtualNetworkId) {
    return topology.get().endpointsByVnet().getOrDefault(virtualNetworkId.key(), List.of());
  }

  @Override
  public List<Registry> registries() {
    return topology.get().registries().stream().map(e -> e.registry()).map(r ->
        new Registry(r.id(), r.loginServer(), r.dataEndpointHostNames(),
            PublicAddresses.of(r.loginServer()), r.isPublic())).toList();
  }

  @Override
  public List<PublicService> publicServices() {
    return publicServices;
  }
}
