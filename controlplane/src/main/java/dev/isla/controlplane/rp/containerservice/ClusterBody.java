package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import java.util.Optional;

/**
 * Turns a managed-cluster PUT body into the stored body (research/aks-isolation.md §4.3):
 * defaults applied, enums in Azure's spelling, service-owned fields (FQDNs, node resource
 * group, versions) computed on create and kept on update. Agent pools are not part of it: they
 * are stored as child resources.
 */
final class ClusterBody {

  private ClusterBody() {}

  /**
   * @param request the PUT body
   * @param previous the stored body on update, empty on create
   * @param names the cluster's derived names
   */
  static ObjectNode build(ObjectNode request, Optional<ObjectNode> previous, ClusterNames names) {
    JsonNode in = request.path("properties");
    JsonNode was = previous.map(p -> p.path("properties")).orElse(Json.object());
    ObjectNode out = Json.object();
    out.put("location", names.location());
    out.set("tags", request.path("tags").isObject() ? request.get("tags") : Json.object());
    ObjectNode sku = out.putObject("sku");
    sku.put("name", "Base");
    sku.put("tier", request.path("sku").path("tier").asText("Free"));
    ObjectNode p = out.putObject("properties");
    p.put("provisioningState", previous.isPresent() ? "Updating" : "Creating");
    p.putObject("powerState").put("code", "Running");
    String version = KubernetesVersions.resolve(in.path("kubernetesVersion")
        .asText(was.path("kubernetesVersion").asText(KubernetesVersions.DEFAULT)));
    p.put("kubernetesVersion", version);
    p.put("currentKubernetesVersion", version);
    dnsNames(p, in, was, names);
    p.put("enableRBAC", in.path("enableRBAC").asBoolean(was.path("enableRBAC").asBoolean(true)));
    p.put("supportPlan", "KubernetesOfficial");
    p.put("maxAgentPools", 100);
    p.set("networkProfile", NetworkProfiles.build(in.path("networkProfile"), was.path("networkProfile")));
    p.set("autoUpgradeProfile", autoUpgrade(in.path("autoUpgradeProfile"), was.path("autoUpgradeProfile")));
    p.set("bootstrapProfile", bootstrap(in.path("bootstrapProfile"), was.path("bootstrapProfile")));
    p.putObject("servicePrincipalProfile").put("clientId", "msi");
    return out;
  }

  private static void dnsNames(ObjectNode p, JsonNode in, JsonNode was, ClusterNames names) {
    String prefix = was.path("dnsPrefix").asText(in.path("dnsPrefix").asText(names.defaultDnsPrefix()));
    p.put("dnsPrefix", prefix);
    String group = was.path("nodeResourceGroup").asText(in.path("nodeResourceGroup").asText(names.nodeResourceGroup()));
    p.put("nodeResourceGroup", group);
    ObjectNode api = apiServer(in.path("apiServerAccessProfile"), was.path("apiServerAccessProfile"));
    p.set("apiServerAccessProfile", api);
    boolean isPrivate = api.path("enablePrivateCluster").asBoolean();
    if (!isPrivate || api.path("enablePrivateClusterPublicFQDN").asBoolean(true)) {
      p.put("fqdn", was.path("fqdn").asText(names.fqdn(prefix)));
    }
    p.put("azurePortalFQDN", was.path("azurePortalFQDN").asText(names.portalFqdn(prefix)));
    if (isPrivate) {
      p.put("privateFQDN", was.path("privateFQDN")
          .asText(names.privateFqdn(prefix, api.path("enableVnetIntegration").asBoolean())));
    }
  }

  private static ObjectNode apiServer(JsonNode in, JsonNode was) {
    ObjectNode api = Json.object();
    boolean isPrivate = bool(in, was, "enablePrivateCluster");
    api.put("enablePrivateCluster", isPrivate);
    if (isPrivate) {
      api.put("privateDNSZone", in.path("privateDNSZone").asText(was.path("privateDNSZone").asText("system")));
      api.put("enablePrivateClusterPublicFQDN", bool(in, was, "enablePrivateClusterPublicFQDN", true));
    }
    api.put("enableVnetIntegration", bool(in, was, "enableVnetIntegration"));
    String subnet = in.path("subnetId").asText(was.path("subnetId").asText(""));
    if (!subnet.isBlank()) {
      api.put("subnetId", subnet);
    }
    return api;
  }

  private static ObjectNode autoUpgrade(JsonNode in, JsonNode was) {
    ObjectNode out = Json.object();
    out.put("upgradeChannel", in.path("upgradeChannel").asText(was.path("upgradeChannel").asText("none")));
    out.put("nodeOSUpgradeChannel",
        in.path("nodeOSUpgradeChannel").asText(was.path("nodeOSUpgradeChannel").asText("NodeImage")));
    return out;
  }

  /**
   * {@code artifactSource} defaults to Direct; a {@code null} (or absent) registry id in the
   * request means "no BYO registry", as az sends it when switching back to an AKS-managed one.
   */
  private static ObjectNode bootstrap(JsonNode in, JsonNode was) {
    ObjectNode out = Json.object();
    String source = in.path("artifactSource").asText(was.path("artifactSource").asText("Direct"));
    String canonical = source.equalsIgnoreCase("Cache") ? "Cache" : source.equalsIgnoreCase("Direct") ? "Direct" : null;
    if (canonical == null) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "The value of parameter bootstrapProfile.artifactSource is invalid: '"
          + source + "'. Allowed values are Direct, Cache.").target("bootstrapProfile.artifactSource");
    }
    out.put("artifactSource", canonical);
    JsonNode registry = in.isObject() ? in.path("containerRegistryId") : was.path("containerRegistryId");
    if (registry.isTextual() && !registry.asText().isBlank()) {
      out.put("containerRegistryId", registry.asText());
    }
    return out;
  }

  private static boolean bool(JsonNode in, JsonNode was, String field) {
    return bool(in, was, field, false);
  }

  private static boolean bool(JsonNode in, JsonNode was, String field, boolean fallback) {
    return in.path(field).isBoolean() ? in.get(field).asBoolean() : was.path(field).asBoolean(fallback);
  }
}
