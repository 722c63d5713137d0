package dev.isla.launcher.adapt;

import dev.isla.controlplane.port.RegistryStorage;
import dev.isla.registry.RegistryServer;

/**
 * The control plane's read port onto the registry data plane: the bytes each registry stores,
 * counted by the registry server from its own storage (ACR's {@code listUsages} size).
 */
public final class RegistryStorageUsage implements RegistryStorage {

  private final RegistryServer registry;

  public RegistryStorageUsage(RegistryServer registry) {
    this.registry = registry;
  }

  @Override
  public long bytes(String registryName) {
    return registry.storageBytes(registryName);
  }
}
