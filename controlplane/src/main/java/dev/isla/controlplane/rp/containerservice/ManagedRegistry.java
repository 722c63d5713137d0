package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AKS-managed bootstrap registry (research/aks-isolation.md §1.1, §5.4 flow 1): in the node
 * resource group a Premium registry whose name carries {@code bootstrap}, its
 * {@code aks-managed-mcr} cache rule, a private endpoint in the node subnet, the zone
 * {@code privatelink.azurecr.io} linked to the node VNet with the registry's two A records, and
 * AcrPull for the kubelet identity. {@link #ensure} reconciles: whatever is missing is
 * recreated; a registry that lost its cache rule is deleted and recreated (troubleshooting
 * guide, §1.1).
 */
final class ManagedRegistry {

  static final String CACHE_RULE = "aks-managed-mcr";
  static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

  private final Arm arm;
  private final DependentResources resources;

  ManagedRegistry(Arm arm, DependentResources resources) {
    this.arm = arm;
    this.resources = resources;
  }

  /** What the registry needs to know about its cluster. */
  record Target(ClusterNames names, String nodeResourceGroup, String location, ResourceId nodeSubnet,
      String kubeletPrincipalId) {}

  /** Brings the managed registry and its wiring into place; returns the registry id. */
  ResourceId ensure(Target t) {
    ResourceId registry = t.names().managedRegistry(t.nodeResourceGroup());
    ResourceId rule = registry.child("cacheRules", CACHE_RULE);
    ResourceId endpoint = t.names().managedRegistryEndpoint(t.nodeResourceGroup());
    if (resources.find(registry, ResourceTypes.REGISTRIES).isPresent()
        && resources.find(rule, ResourceTypes.CACHE_RULES).isEmpty()) {
      resources.delete(endpoint, ResourceTypes.PRIVATE_ENDPOINTS);
      resources.delete(registry, ResourceTypes.REGISTRIES);
    }
    resources.ensure(registry, ResourceTypes.REGISTRIES, registryBody(t.location()));
    resources.ensure(rule, ResourceTypes.CACHE_RULES, cacheRuleBody());
    ObjectNode pe = resources.ensure(endpoint, ResourceTypes.PRIVATE_ENDPOINTS,
        endpointBody(t, registry));
    Map<String, String> ips = endpointIps(pe, registry, t.location());
    ensureDns(t, registry, ips);
    ensureAcrPull(registry, t.kubeletPrincipalId());
    return registry;
  }

  private static ObjectNode registryBody(String location) {
    ObjectNode body = Json.object();
    body.put("location", location);
    body.putObject("sku").put("name", "Premium");
    ObjectNode p = body.putObject("properties");
    p.put("adminUserEnabled", false);
    p.put("publicNetworkAccess", "Disabled");
    p.put("anonymousPullEnabled", false);
    return body;
  }

  private static ObjectNode cacheRuleBody() {
    ObjectNode body = Json.object();
    ObjectNode p = body.putObject("properties");
    p.put("sourceRepository", "mcr.microsoft.com/*");
    p.put("targetRepository", "aks-managed-repository/*");
    return body;
  }

  private ObjectNode endpointBody(Target t, ResourceId registry) {
    ObjectNode body = Json.object();
    body.put("location", t.location());
    ObjectNode p = body.putObject("properties");
    p.putObject("subnet").put("id", t.nodeSubnet().toString());
    ObjectNode connection = p.putArray("privateLinkServiceConnections").addObject();
    connection.put("name", "aks-bootstrap-acr");
    ObjectNode cp = connection.putObject("properties");
    cp.put("privateLinkServiceId", registry.toString());
    cp.putArray("groupIds").add("registry");
    if (arm.provider(ResourceTypes.PRIVATE_ENDPOINTS).isEmpty()) {
      p.set("customDnsConfigs", bridgeDnsConfigs(t, registry));
    }
    return body;
  }

  /**
   * Without the network provider nobody allocates addresses: the bridge takes the subnet's
   * first two usable addresses (Azure reserves .0–.3), as the first endpoint of a subnet gets.
   */
  private ArrayNode bridgeDnsConfigs(Target t, ResourceId registry) {
    String prefix = resources.find(t.nodeSubnet(), ResourceTypes.SUBNETS)
        .map(s -> s.path("properties").path("addressPrefix").asText("10.224.0.0/16")).orElse("10.224.0.0/16");
    String[] octets = prefix.substring(0, prefix.indexOf('/')).split("\\.");
    String base = octets[0] + "." + octets[1] + "." + octets[2] + ".";
    int first = Integer.parseInt(octets[3]) + 4;
    ArrayNode configs = Json.array();
    configs.addObject().put("fqdn", loginServer(registry)).putArray("ipAddresses").add(base + first);
    configs.addObject().put("fqdn", dataEndpoint(registry, t.location())).putArray("ipAddresses").add(base + (first + 1));
    return configs;
  }

  /** fqdn → IP of the endpoint: from its NIC as the seed reads it, else its customDnsConfigs. */
  private Map<String, String> endpointIps(ObjectNode pe, ResourceId registry, String location) {
    Map<String, String> ips = new LinkedHashMap<>();
    JsonNode nicRef = pe.path("properties").path("networkInterfaces").path(0).path("id");
    Optional<ObjectNode> nic = nicRef.isTextual()
        ? resources.find(ResourceId.parse(nicRef.asText()), ResourceTypes.NETWORK_INTERFACES) : Optional.empty();
    nic.ifPresent(n -> n.path("properties").path("ipConfigurations").forEach(c -> {
      JsonNode cp = c.path("properties");
      String member = cp.path("privateLinkConnectionProperties").path("requiredMemberName").asText();
      String fqdn = member.equals("registry") ? loginServer(registry) : dataEndpoint(registry, location);
      ips.put(fqdn, cp.path("privateIPAddress").asText());
    }));
    if (ips.isEmpty()) {
      pe.path("properties").path("customDnsConfigs").forEach(c ->
          ips.put(c.path("fqdn").asText(), c.path("ipAddresses").path(0).asText()));
    }
    return ips;
  }

  private void ensureDns(Target t, ResourceId registry, Map<String, String> ips) {
    ResourceId zone = t.names().registryZone(t.nodeResourceGroup());
    resources.ensure(zone, ResourceTypes.PRIVATE_DNS_ZONES, Json.object().put("location", "global"));
    ObjectNode link = Json.object().put("location", "global");
    ObjectNode lp = link.putObject("properties");
    lp.putObject("virtualNetwork").put("id", t.nodeSubnet().parent().orElseThrow().toString());
    lp.put("registrationEnabled", false);
    resources.ensure(zone.child("virtualNetworkLinks", "aks-bootstrap-acr-link"),
        ResourceTypes.VIRTUAL_NETWORK_LINKS, link);
    String name = registry.name().toLowerCase(Locale.ROOT);
    aRecord(zone, name, ips.get(loginServer(registry)));
    aRecord(zone, name + "." + t.location() + ".data", ips.get(dataEndpoint(registry, t.location())));
  }

  private void aRecord(ResourceId zone, String name, String ip) {
    if (ip == null || ip.isBlank()) {
      return;
    }
    ObjectNode body = Json.object();
    ObjectNode p = body.putObject("properties");
    p.put("ttl", 3600);
    p.putArray("aRecords").addObject().put("ipv4Address", ip);
    resources.ensure(zone.child("A", name), ResourceTypes.A_RECORD_SETS, body);
  }

  private void ensureAcrPull(ResourceId registry, String principalId) {
    ResourceId assignment = registry.extension("Microsoft.Authorization", "roleAssignments",
        java.util.UUID.nameUUIDFromBytes(("acrpull:" + registry.key() + ":" + principalId)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    ObjectNode body = Json.object();
    ObjectNode p = body.putObject("properties");
    p.put("roleDefinitionId", "/subscriptions/" + registry.subscriptionId()
        + "/providers/Microsoft.Authorization/roleDefinitions/" + ACR_PULL);
    p.put("principalId", principalId);
    p.put("principalType", "ServicePrincipal");
    resources.ensure(assignment, ResourceTypes.ROLE_ASSIGNMENTS, body);
  }

  static String loginServer(ResourceId registry) {
    return registry.name().toLowerCase(Locale.ROOT) + ".azurecr.io";
  }

  static String dataEndpoint(ResourceId registry, String location) {
    return registry.name().toLowerCase(Locale.ROOT) + "." + location + ".data.azurecr.io";
  }
}
