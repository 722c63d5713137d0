package dev.isla.controlplane.port;

import java.util.Objects;
import java.util.Optional;

/**
 * What a node boots with: the cluster's bootstrap settings at the moment the node was
 * provisioned or reimaged (research/aks-isolation.md §2). A node keeps this value until it is
 * reimaged, so comparing it with the cluster's current profile tells which nodes still run an
 * old bootstrap.
 *
 * @param artifactSource {@code Direct} (pull from MCR) or {@code Cache} (pull from a registry)
 * @param containerRegistryServer with {@code Cache}: the registry server in mirror-prefix form,
 *     {@code <acr>.azurecr.io} when the registry's cache rule targets {@code *} (the seed's
 *     rule) or {@code <acr>.azurecr.io/aks-managed-repository} for today's {@code
 *     aks-managed-mcr} rule (§2 item 1); empty with {@code Direct}
 * @param kubeletClientId client id of the kubelet identity the node logs in to the registry with
 * @param tenantId tenant of that identity
 * @param outboundType the cluster's {@code networkProfile.outboundType}, e.g. {@code none}
 * @param subnetId the node subnet
 * @param kubernetesVersion e.g. {@code 1.30.3}
 */
public record BootstrapProfile(
    String artifactSource,
    Optional<String> containerRegistryServer,
    String kubeletClientId,
    String tenantId,
    String outboundType,
    String subnetId,
    String kubernetesVersion) {

  public BootstrapProfile {
    Objects.requireNonNull(artifactSource);
    Objects.requireNonNull(containerRegistryServer);
    Objects.requireNonNull(kubeletClientId);
    Objects.requireNonNull(tenantId);
    Objects.requireNonNull(outboundType);
    Objects.requireNonNull(subnetId);
    Objects.requireNonNull(kubernetesVersion);
    if (!artifactSource.equals("Direct") && !artifactSource.equals("Cache")) {
      throw new IllegalArgumentException("artifactSource must be Direct or Cache: " + artifactSource);
    }
    if (artifactSource.equals("Cache") != containerRegistryServer.isPresent()) {
      throw new IllegalArgumentException("a registry server goes with Cache, and only with Cache");
    }
  }

  /** The host part of the registry server: what a node resolves ({@code <acr>.azurecr.io}). */
  public Optional<String> registryHost() {
    return containerRegistryServer.map(s -> s.contains("/") ? s.substring(0, s.indexOf('/')) : s);
  }
}
