package dev.isla.registry.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RegistryCatalog} held in memory: tests and stand-alone use fill it directly. */
public final class MemoryRegistryCatalog implements RegistryCatalog {

  private final Map<String, RegistryInfo> registries = new ConcurrentHashMap<>();
  private final Map<String, List<CacheRule>> rules = new ConcurrentHashMap<>();

  /** Adds or replaces a registry (by name). */
  public MemoryRegistryCatalog put(RegistryInfo registry) {
    registries.put(registry.key(), registry);
    return this;
  }

  /** Adds a cache rule to the registry named {@code registryName}. */
  public MemoryRegistryCatalog putRule(String registryName, CacheRule rule) {
    rules.computeIfAbsent(registryName.toLowerCase(java.util.Locale.ROOT),
        k -> new CopyOnWriteArrayList<>()).add(rule);
    return this;
  }

  /** Removes a registry and its rules. */
  public void remove(String registryName) {
    String key = registryName.toLowerCase(java.util.Locale.ROOT);
    registries.remove(key);
    rules.remove(key);
  }

  @Override
  public Optional<RegistryInfo> findByHost(String host) {
    return registries.values().stream().filter(r -> r.serves(host)).findFirst();
  }

  @Override
  public Optional<RegistryInfo> findByName(String name) {
    return Optional.ofNullable(registries.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public List<CacheRule> cacheRules(String registryName) {
    return List.copyOf(rules.getOrDefault(registryName.toLowerCase(java.util.Locale.ROOT),
        List.of()));
  }
}
