package dev.isla.controlplane.port;

/**
 * A read port onto the registry data plane: how much each registry stores, for ACR's usage
 * report ({@code listUsages}, {@code az acr show-usage}).
 */
@FunctionalInterface
public interface RegistryStorage {

  /** Bytes the registry named {@code registryName} stores (blobs and manifests, each once). */
  long bytes(String registryName);

  /** No registry data plane is wired (the control plane alone): nothing is stored anywhere. */
  static RegistryStorage none() {
    return registryName -> 0;
  }
}
