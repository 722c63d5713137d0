package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.port.BootstrapProfile;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import java.util.Optional;

/**
 * The {@link BootstrapProfile} a node of a cluster boots with now, from the cluster's stored
 * body: artifact source, the registry server in the mirror-prefix form its MCR cache rule
 * implies (research/aks-isolation.md §2 item 1), kubelet identity, outbound type, subnet,
 * version.
 */
public final class ClusterBootstrap {

  static final String CACHE_RULE_TYPE = "microsoft.containerregistry/registries/cacherules";
  static final String MANAGED_PREFIX = "aks-managed-repository";

  private ClusterBootstrap() {}

  /**
   * The profile of {@code cluster} (its stored body) for nodes in {@code subnetId}; also what the
   * data plane compares each node's bootstrap with to tell stale nodes.
   */
  public static BootstrapProfile of(ResourceStore store, JsonNode cluster, String subnetId,
      String tenantId) {
    JsonNode p = cluster.path("properties");
    String source = p.path("bootstrapProfile").path("artifactSource").asText("Direct");
    Optional<String> server = Optional.empty();
    if (source.equals("Cache")) {
      String registryId = p.path("bootstrapProfile").path("containerRegistryId").asText();
      server = Optional.of(registryServer(store, ResourceId.parse(registryId)));
    }
    return new BootstrapProfile(source, server,
        p.path("identityProfile").path("kubeletidentity").path("clientId").asText(""),
        tenantId, p.path("networkProfile").path("outboundType").asText(), subnetId,
        p.path("kubernetesVersion").asText());
  }

  /**
   * {@code <acr>.azurecr.io} when the registry's MCR rule targets {@code *} (the seed's rule),
   * else {@code <acr>.azurecr.io/aks-managed-repository} (today's rule, and what AKS configures
   * when no MCR rule exists, so such a node fails to pull visibly).
   */
  static String registryServer(ResourceStore store, ResourceId registry) {
    String login = store.get(registry)
        .map(r -> r.body().path("properties").path("loginServer").asText(""))
        .filter(s -> !s.isBlank())
        .orElse(ManagedRegistry.loginServer(registry));
    boolean seedRule = store.list(ResourceQuery.ofType(CACHE_RULE_TYPE).withParent(registry)).stream()
        .map(r -> r.body().path("properties"))
        .anyMatch(rule -> rule.path("sourceRepository").asText().equals("mcr.microsoft.com/*")
            && rule.path("targetRepository").asText().equals("*"));
    return seedRule ? login : login + "/" + MANAGED_PREFIX;
  }
}
