package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.controlplane.rp.features.FeatureProvider;
import dev.isla.controlplane.store.ResourceStore;
import java.util.List;
import java.util.Optional;

/**
 * The managed-cluster rules that read nothing but the request and the stored cluster:
 * immutable properties, preview features, the coupling of outbound type, artifact source,
 * network plugin and Kubernetes version (research/aks-isolation.md §1.2, §1.3, §5.5). Rules that
 * look at other resources (registry, subnets, identities) are in {@link LinkedResourceRules}.
 */
final class ClusterRules {

  static final String NAMESPACE = "Microsoft.ContainerService";
  static final String ISOLATION_FEATURE = "NetworkIsolatedClusterPreview";
  static final String VNET_INTEGRATION_FEATURE = "EnableAPIServerVnetIntegrationPreview";

  private ClusterRules() {}

  /** Properties an update may not change, compared before defaults are applied. */
  static void checkImmutable(ObjectNode request, ObjectNode previous, String location) {
    JsonNode in = request.path("properties");
    JsonNode was = previous.path("properties");
    if (request.hasNonNull("location") && !dev.isla.controlplane.arm.Locations
        .normalize(request.get("location").asText()).equals(location)) {
      throw changed("location");
    }
    same(in.path("dnsPrefix"), was.path("dnsPrefix"), "dnsPrefix");
    same(in.path("nodeResourceGroup"), was.path("nodeResourceGroup"), "nodeResourceGroup");
    same(in.path("fqdnSubdomain"), was.path("fqdnSubdomain"), "fqdnSubdomain");
    JsonNode inPrivate = in.path("apiServerAccessProfile").path("enablePrivateCluster");
    if (inPrivate.isBoolean() && inPrivate.asBoolean()
        != was.path("apiServerAccessProfile").path("enablePrivateCluster").asBoolean()) {
      throw changed("apiServerAccessProfile.enablePrivateCluster");
    }
    JsonNode plugin = in.path("networkProfile").path("networkPlugin");
    if (plugin.isTextual() && !plugin.asText().equalsIgnoreCase(was.path("networkProfile").path("networkPlugin").asText())) {
      throw changed("networkProfile.networkPlugin");
    }
  }

  private static void same(JsonNode requested, JsonNode stored, String property) {
    if (requested.isTextual() && !requested.asText().equalsIgnoreCase(stored.asText())) {
      throw changed(property);
    }
  }

  private static ArmException changed(String property) {
    return ArmException.of(ArmErrorCode.AKS_PROPERTY_CHANGE_NOT_ALLOWED, property).target(property);
  }

  /** The preview-era feature flags of the seed (§0): refused like AKS refuses an unregistered preview. */
  static void checkFeatures(ResourceStore store, String subscriptionId, ObjectNode body) {
    JsonNode p = body.path("properties");
    if (isolationRequested(p)) {
      requireFeature(store, subscriptionId, ISOLATION_FEATURE);
    }
    if (p.path("apiServerAccessProfile").path("enableVnetIntegration").asBoolean()) {
      requireFeature(store, subscriptionId, VNET_INTEGRATION_FEATURE);
    }
  }

  private static boolean isolationRequested(JsonNode p) {
    return p.path("bootstrapProfile").path("artifactSource").asText().equals("Cache")
        || OutboundTypes.isolated(p.path("networkProfile").path("outboundType").asText());
  }

  private static void requireFeature(ResourceStore store, String subscriptionId, String feature) {
    if (!FeatureProvider.state(store, subscriptionId, NAMESPACE, feature).equals(FeatureProvider.REGISTERED)) {
      throw ArmException.of(ArmErrorCode.AKS_FEATURE_NOT_ENABLED, NAMESPACE, feature);
    }
  }

  /**
   * Outbound type against artifact source, network plugin, Kubernetes version and VNet, and on
   * update the outbound-type migration matrix.
   */
  static void checkIsolation(ObjectNode body, Optional<ObjectNode> previous, List<ObjectNode> pools) {
    JsonNode p = body.path("properties");
    String outbound = p.path("networkProfile").path("outboundType").asText();
    String source = p.path("bootstrapProfile").path("artifactSource").asText();
    if (OutboundTypes.isolated(outbound) && !source.equals("Cache")) {
      throw ArmException.of(ArmErrorCode.NETWORK_ISOLATION_INVALID,
          "When outbound type is none or block, bootstrapProfile.artifactSource must be 'Cache'");
    }
    if (p.path("bootstrapProfile").has("containerRegistryId") && !source.equals("Cache")) {
      throw ArmException.of(ArmErrorCode.AKS_BOOTSTRAP_REGISTRY_INVALID,
          "bootstrapProfile.containerRegistryId can only be set when bootstrapProfile.artifactSource is 'Cache'.")
          .target("bootstrapProfile.containerRegistryId");
    }
    if (isolationRequested(p)) {
      checkIsolationPrerequisites(p);
    }
    boolean byoVnet = pools.stream().anyMatch(pool -> pool.has("vnetSubnetID"));
    if (previous.isEmpty()) {
      OutboundTypes.checkFitsVnet(outbound, byoVnet);
    } else {
      String was = previous.get().path("properties").path("networkProfile").path("outboundType").asText();
      OutboundTypes.checkMigration(was, outbound, byoVnet);
    }
  }

  private static void checkIsolationPrerequisites(JsonNode p) {
    String version = p.path("kubernetesVersion").asText();
    if (KubernetesVersions.minor(version) < 30) {
      throw ArmException.of(ArmErrorCode.NETWORK_ISOLATION_INVALID, "Network isolated clusters require Kubernetes "
          + "version 1.30 or later; the cluster's version is " + version + ".");
    }
    if (p.path("networkProfile").path("networkPlugin").asText().equals("kubenet")) {
      throw ArmException.of(ArmErrorCode.NETWORK_ISOLATION_INVALID,
          "Network isolated clusters do not support network plugin 'kubenet'; use 'azure' or 'none'.");
    }
    String channel = p.path("autoUpgradeProfile").path("nodeOSUpgradeChannel").asText();
    if (!channel.equals("NodeImage") && !channel.equals("None")) {
      throw ArmException.of(ArmErrorCode.NETWORK_ISOLATION_INVALID, "Network isolated clusters support only the "
          + "'NodeImage' and 'None' node OS upgrade channels; '" + channel + "' is not supported.");
    }
  }
}
