package dev.isla.registry.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What the data plane needs to know about the registries that exist — a port: the launcher
 * adapts the control plane's store to it; tests use {@link MemoryRegistryCatalog}. Answers
 * reflect the current state on every call (registries and rules can change at any time).
 */
public interface RegistryCatalog {

  /**
   * The registry served at {@code host} (a login server or a data endpoint host name, matched
   * case-insensitively, without port), or empty.
   */
  Optional<RegistryInfo> findByHost(String host);

  /** The registry named {@code name} (case-insensitive), or empty. */
  Optional<RegistryInfo> findByName(String name);

  /** The cache rules of the registry named {@code registryName}; empty when none. */
  List<CacheRule> cacheRules(String registryName);
}
