package dev.isla.nodes;

import java.util.Objects;
import java.util.Optional;

/**
 * What a node boots with (the control plane's bootstrap profile at provisioning or reimage time,
 * research/aks-isolation.md §2). A node keeps it until it is reimaged.
 *
 * @param artifactSource {@code Direct} (pull from MCR) or {@code Cache} (pull through a registry)
 * @param containerRegistryServer with {@code Cache}: {@code <acr>.azurecr.io} or
 *     {@code <acr>.azurecr.io/aks-managed-repository}; empty with {@code Direct}
 * @param kubeletClientId client id of the kubelet identity (IMDS {@code client_id})
 * @param tenantId that identity's tenant (the ACR exchange's {@code tenant})
 * @param outboundType the cluster's {@code networkProfile.outboundType} when the node booted
 * @param kubernetesVersion e.g. {@code 1.30.3}
 */
public record Bootstrap(String artifactSource, Optional<String> containerRegistryServer,
    String kubeletClientId, String tenantId, String outboundType, String kubernetesVersion) {

  public Bootstrap {
    Objects.requireNonNull(containerRegistryServer);
    Objects.requireNonNull(kubeletClientId);
    Objects.requireNonNull(tenantId);
    Objects.requireNonNull(outboundType);
    if (!artifactSource.equals("Direct") && !artifactSource.equals("Cache")) {
      throw new IllegalArgumentException("artifactSource is Direct or Cache: " + artifactSource);
    }
    if (artifactSource.equals("Cache") != containerRegistryServer.isPresent()) {
      throw new IllegalArgumentException("a registry server goes with Cache, and only with Cache");
    }
    if (!kubernetesVersion.matches("\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException("not a Kubernetes version: " + kubernetesVersion);
    }
  }

  /** Whether artifacts come through a registry (the cache rule) rather than from MCR. */
  public boolean cache() {
    return artifactSource.equals("Cache");
  }

  /** The host the DNS check resolves: the registry's, or MCR's for {@code Direct}. */
  public String registryHost() {
    return containerRegistryServer.map(s -> s.contains("/") ? s.substring(0, s.indexOf('/')) : s)
        .orElse("mcr.microsoft.com");
  }

  /** AgentBaker skips its egress probe for these outbound types. */
  public boolean skipsOutboundCheck() {
    return outboundType.equalsIgnoreCase("none") || outboundType.equalsIgnoreCase("block");
  }
}
