package dev.isla.launcher.adapt;

import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.catalog.RegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import java.util.List;
import java.util.Optional;

/**
 * The registry server's {@link RegistryCatalog} over the control plane's store: every registry
 * that finished creating, by login server or data endpoint host, with its anonymous-pull and
 * public-network-access settings, and its successfully created cache rules. Read from a
 * {@link Topology} kept per store version (an {@code az acr update} or a new cache rule applies
 * to the next request).
 */
public final class StoreRegistryCatalog implements RegistryCatalog {

  private final StoreSnapshot<Topology> topology;

  public StoreRegistryCatalog(ObservedStore store) {
    this.topology = new StoreSnapshot<>(store, () -> Topology.load(store));
  }

  @Override
  public Optional<RegistryInfo> findByHost(String host) {
    return find(e -> e.registry().serves(host));
  }

  @Override
  public Optional<RegistryInfo> findByName(String name) {
    return find(e -> e.registry().name().equalsIgnoreCase(name));
  }

  private Optional<RegistryInfo> find(java.util.function.Predicate<Topology.RegistryEntry> which) {
    return topology.get().registries().stream()
        .filter(which)
        .findFirst()
        .map(e -> new RegistryInfo(e.registry().name(), e.registry().loginServer(),
            e.registry().dataEndpointHostNames(), e.registry().anonymousPullEnabled(),
            e.registry().isPublic()));
  }

  @Override
  public List<CacheRule> cacheRules(String registryName) {
    return topology.get().registries().stream()
        .filter(e -> e.registry().name().equalsIgnoreCase(registryName))
        .findFirst()
        .map(e -> e.cacheRules().stream().map(r ->
            new CacheRule(r.name(), r.sourceRepository(), r.targetRepository())).toList())
        .orElse(List.of());
  }
}
