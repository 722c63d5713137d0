package dev.isla.launcher.adapt;

import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.rp.containerregistry.CacheRules;
import dev.isla.controlplane.rp.containerregistry.Registries;
import dev.isla.controlplane.rp.containerregistry.Registry;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.catalog.RegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registry server's {@link RegistryCatalog} over the control plane's store: every registry
 * that finished creating, by login server or data endpoint host, with its anonymous-pull and
 * public-network-access settings, and its successfully created cache rules. Kept until the next
 * write of a registry, cache rule or private endpoint ({@link #TYPES}: an {@code az acr update}
 * or a new cache rule applies to the next request), so that writes elsewhere in the cloud cost
 * the registry's requests nothing.
 */
public final class StoreRegistryCatalog implements RegistryCatalog {

  /** What the catalog reads: registries, their cache rules, the private endpoints to them. */
  static final Set<String> TYPES = Set.of(ResourceTypes.REGISTRIES.key(),
      ResourceTypes.CACHE_RULES.key(), ResourceTypes.PRIVATE_ENDPOINTS.key());

  private record Entry(Registry registry, List<dev.isla.controlplane.rp.containerregistry.CacheRule> rules) {}

  private final StoreSnapshot<List<Entry>> registries;

  public StoreRegistryCatalog(ObservedStore store) {
    this.registries = new StoreSnapshot<>(store, TYPES, () -> Registries.all(store).stream()
        .map(r -> new Entry(r, CacheRules.of(store, r.id()))).toList());
  }

  @Override
  public Optional<RegistryInfo> findByHost(String host) {
    return find(e -> e.registry().serves(host));
  }

  @Override
  public Optional<RegistryInfo> findByName(String name) {
    return find(e -> e.registry().name().equalsIgnoreCase(name));
  }

  private Optional<RegistryInfo> find(java.util.function.Predicate<Entry> which) {
    return registries.get().stream()
        .filter(which)
        .findFirst()
        // A registry has data endpoints when ACR gives it some (dataEndpointEnabled, or an approved
        // private endpoint): its login server then redirects blob downloads there, as ACR does.
        .map(e -> new RegistryInfo(e.registry().name(), e.registry().loginServer(),
            e.registry().dataEndpointHostNames(), e.registry().anonymousPullEnabled(),
            e.registry().isPublic(), !e.registry().dataEndpointHostNames().isEmpty()));
  }

  @Override
  public List<CacheRule> cacheRules(String registryName) {
    return registries.get().stream()
        .filter(e -> e.registry().name().equalsIgnoreCase(registryName))
        .findFirst()
        .map(e -> e.rules().stream().map(r ->
            new CacheRule(r.name(), r.sourceRepository(), r.targetRepository())).toList())
        .orElse(List.of());
  }

  /** How many times the catalog was read from the store (for tests). */
  long loads() {
    return registries.loads();
  }
}
