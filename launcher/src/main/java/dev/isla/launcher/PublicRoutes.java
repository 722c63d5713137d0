package dev.isla.launcher;

import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.FabricCatalog;
import dev.isla.fabric.catalog.PrivateEndpointAddress;
import dev.isla.fabric.catalog.Registry;
import dev.isla.arm.ResourceId;
import dev.isla.fabric.route.ServiceMap;
import dev.isla.launcher.adapt.ObservedStore;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Keeps the fabric's {@link ServiceMap} in step with the registries of the store: each
 * registry's public address (global) and each of its private endpoint addresses (in the
 * endpoint's VNet) lead to the registry listener, on 443 and 80 as nodes dial them. Synced
 * before anything a node does (boot, command), at most once per store version; entries of
 * deleted registries stay (their addresses no longer resolve, and the catalog no longer routes
 * private endpoints that are gone).
 */
final class PublicRoutes {

  private static final List<Integer> PORTS = List.of(443, 80);

  private final ObservedStore store;
  private final FabricCatalog catalog;
  private final ServiceMap services;
  private final InetSocketAddress registryListener;
  /** VNet key → the store version its routes were synced at. */
  private final java.util.Map<String, Long> synced = new java.util.HashMap<>();

  PublicRoutes(ObservedStore store, FabricCatalog catalog, ServiceMap services,
      InetSocketAddress registryListener) {
    this.store = store;
    this.catalog = catalog;
    this.services = services;
    this.registryListener = registryListener;
  }

  /** Registers every registry's public address and the private endpoints of {@code vnet}. */
  synchronized void sync(ResourceId vnet) {
    long version = store.version();
    if (synced.getOrDefault(vnet.key(), -1L) == version) {
      return;
    }
    for (Registry registry : catalog.registries()) {
      register(registry.publicAddress());
    }
    for (PrivateEndpointAddress pe : catalog.privateEndpointAddresses(vnet)) {
      for (int port : PORTS) {
        services.register(vnet, pe.privateIpAddress(), port, registryListener);
      }
    }
    synced.put(vnet.key(), version);
  }

  private void register(LogicalAddress address) {
    for (int port : PORTS) {
      services.register(address, port, registryListener);
    }
  }
}
