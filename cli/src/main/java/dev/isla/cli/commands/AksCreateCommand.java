package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CliException;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import java.util.List;
import java.util.Optional;

/**
 * {@code az aks create}: builds the full ManagedCluster body with az's defaults
 * (research/aks-isolation.md §4.3, §5.1), grants the control-plane identity Network Contributor
 * on a BYO subnet as az does, PUTs and follows the operation.
 */
public final class AksCreateCommand {

  static final ResourceRef CLUSTER = ResourceRef.of(ResourceTypes.MANAGED_CLUSTERS, "--name");
  static final String NETWORK_CONTRIBUTOR = "Network Contributor";

  private AksCreateCommand() {}

  public static List<CommandDef> commands() {
    return List.of(CommandDef.of("aks create", "Create a new managed Kubernetes cluster.",
        AksCreateCommand::create, Arg.value("--name", "-n").asRequired().help("Name of the managed "
            + "cluster."), ResourceRef.groupArg().asRequired(),
        Arg.value("--location", "-l").help("Location."),
        Arg.value("--kubernetes-version", "-k").help("Version of Kubernetes to use."),
        Arg.value("--node-count", "-c").help("Number of nodes in the Kubernetes node pool."),
        Arg.value("--node-vm-size", "-s").help("Size of Virtual Machines to create as nodes."),
        Arg.value("--nodepool-name").help("Node pool name, up to 12 alphanumeric characters."),
        Arg.value("--dns-name-prefix", "-p").help("Prefix for hostnames that are created."),
        Arg.value("--network-plugin").choices("azure", "kubenet", "none")
            .help("The Kubernetes network plugin to use."),
        Arg.value("--network-plugin-mode").choices("overlay").help("The network plugin mode."),
        Arg.value("--network-policy").help("The Kubernetes network policy to use."),
        Arg.value("--service-cidr").help("A CIDR notation IP range for service IPs."),
        Arg.value("--dns-service-ip").help("An IP address assigned to the Kubernetes DNS service."),
        Arg.value("--pod-cidr").help("A CIDR notation IP range for pod IPs."),
        AksUpdates.outboundTypeArg(), AksUpdates.artifactSourceArg(),
        AksUpdates.registryIdArg(),
        Arg.flag("--enable-private-cluster").help("Enable private cluster."),
        AksUpdates.vnetIntegrationArg(), AksUpdates.apiserverSubnetArg(),
        Arg.value("--vnet-subnet-id").help("The ID of a subnet in an existing VNet."),
        AksUpdates.assignIdentityArg(),
        Arg.value("--assign-kubelet-identity").help("Specify an existing user assigned identity "
            + "for kubelet's usage."),
        Arg.flag("--skip-subnet-role-assignment").help("Skip role assignment for subnet."),
        Arg.flag("--generate-ssh-keys").help("Generate SSH key files if missing."),
        Arg.flag("--no-ssh-key", "-x").help("Do not use or create a local SSH key."),
        Arg.value("--ssh-key-value").help("Public key path or key contents."),
        Arg.value("--tier").choices("free", "standard", "premium").help("The cluster SKU tier."),
        Arg.list("--tags").help("Space-separated tags: key[=value]."),
        Arg.flag("--no-wait").help("Do not wait for the long-running operation to finish."),
        Arg.flag("--yes", "-y").help("Do not prompt for confirmation.")));
  }

  private static Optional<JsonNode> create(Invocation inv) {
    AksUpdates.validateBootstrap(inv, "Direct");
    if (inv.has("--assign-kubelet-identity") && !inv.has("--assign-identity")) {
      throw new CliException("--assign-kubelet-identity can only be specified when "
          + "--assign-identity is specified");
    }
    ObjectNode body = body(inv);
    grantSubnetRole(inv);
    return CrudCommand.put(inv, CLUSTER.path(CLUSTER.build(inv)), body);
  }

  /** The ManagedCluster PUT body for the given flags. */
  static ObjectNode body(Invocation inv) {
    ObjectNode body = Json.object().put("location", CrudCommand.groupLocation(inv));
    body.set("identity", AksUpdates.identity(inv));
    if (inv.has("--tags")) {
      body.set("tags", GroupCommand.tags(inv.values("--tags")));
    }
    body.set("sku", Json.object().put("name", "Base").put("tier",
        capitalize(inv.value("--tier").orElse("free"))));
    ObjectNode props = body.putObject("properties");
    inv.value("--kubernetes-version").ifPresent(v -> props.put("kubernetesVersion", v));
    props.put("dnsPrefix", inv.value("--dns-name-prefix").orElseGet(() -> defaultDnsPrefix(
        inv.required("--name"), inv.required("--resource-group"), inv.subscriptionId())));
    props.putArray("agentPoolProfiles").add(agentPool(inv));
    props.put("enableRBAC", true);
    props.set("networkProfile", networkProfile(inv));
    AksUpdates.apiServerAccess(inv, props);
    inv.value("--assign-kubelet-identity").ifPresent(
        id -> props.putObject("identityProfile").set("kubeletidentity", kubeletIdentity(inv, id)));
    ObjectNode bootstrap = props.putObject("bootstrapProfile");
    bootstrap.put("artifactSource", inv.value("--bootstrap-artifact-source").orElse("Direct"));
    inv.value("--bootstrap-container-registry-resource-id")
        .ifPresent(id -> bootstrap.put("containerRegistryId", id));
    return body;
  }

  private static ObjectNode agentPool(Invocation inv) {
    ObjectNode pool = Json.object();
    pool.put("name", inv.value("--nodepool-name").orElse("nodepool1"));
    pool.put("count", Integer.parseInt(inv.value("--node-count").orElse("3")));
    pool.put("vmSize", inv.value("--node-vm-size").orElse("Standard_DS2_v2"));
    pool.put("osType", "Linux");
    pool.put("mode", "System");
    pool.put("type", "VirtualMachineScaleSets");
    inv.value("--kubernetes-version").ifPresent(v -> pool.put("orchestratorVersion", v));
    inv.value("--vnet-subnet-id").ifPresent(id -> pool.put("vnetSubnetID", id));
    return pool;
  }

  private static ObjectNode networkProfile(Invocation inv) {
    ObjectNode network = Json.object();
    inv.value("--network-plugin").ifPresent(p -> network.put("networkPlugin", p));
    inv.value("--network-plugin-mode").ifPresent(p -> network.put("networkPluginMode", p));
    inv.value("--network-policy").ifPresent(p -> network.put("networkPolicy", p));
    inv.value("--service-cidr").ifPresent(p -> network.put("serviceCidr", p));
    inv.value("--dns-service-ip").ifPresent(p -> network.put("dnsServiceIP", p));
    inv.value("--pod-cidr").ifPresent(p -> network.put("podCidr", p));
    String outbound = inv.value("--outbound-type").orElse("loadBalancer");
    network.put("outboundType", outbound);
    network.put("loadBalancerSku", "standard");
    return network;
  }

  private static ObjectNode kubeletIdentity(Invocation inv, String resourceId) {
    JsonNode identity = AksUpdates.userAssignedIdentity(inv, resourceId);
    ObjectNode kubelet = Json.object().put("resourceId", resourceId);
    kubelet.put("clientId", identity.path("properties").path("clientId").asText());
    kubelet.put("objectId", identity.path("properties").path("principalId").asText());
    return kubelet;
  }

  /** az's {@code _get_default_dns_prefix}: name (10), group (16), subscription (6). */
  public static String defaultDnsPrefix(String name, String group, String subscriptionId) {
    String namePart = name.replaceAll("[^A-Za-z0-9-]", "");
    namePart = namePart.substring(0, Math.min(10, namePart.length()));
    if (namePart.isEmpty() || !Character.isLetter(namePart.charAt(0))) {
      namePart = ("a" + namePart).substring(0, Math.min(10, namePart.length() + 1));
    }
    String groupPart = group.replaceAll("[^A-Za-z0-9-]", "");
    groupPart = groupPart.substring(0, Math.min(16, groupPart.length()));
    return namePart + "-" + groupPart + "-" + subscriptionId.substring(0,
        Math.min(6, subscriptionId.length()));
  }

  /**
   * With {@code --vnet-subnet-id} and {@code --assign-identity}, az grants the control-plane
   * identity Network Contributor on the subnet unless it already holds it there.
   */
  private static void grantSubnetRole(Invocation inv) {
    if (!inv.has("--vnet-subnet-id") || !inv.has("--assign-identity")
        || inv.flag("--skip-subnet-role-assignment")) {
      return;
    }
    String subnet = inv.required("--vnet-subnet-id");
    String principal = AksUpdates.userAssignedIdentity(inv, inv.required("--assign-identity"))
        .path("properties").path("principalId").asText();
    String role = RoleCommand.roleDefinitionId(inv, subnet, NETWORK_CONTRIBUTOR);
    for (JsonNode a : RoleCommand.assignmentsAt(inv, subnet)) {
      JsonNode p = a.path("properties");
      if (principal.equalsIgnoreCase(p.path("principalId").asText())
          && p.path("roleDefinitionId").asText().toLowerCase().endsWith(
              role.substring(role.lastIndexOf('/') + 1).toLowerCase())) {
        return;
      }
    }
    RoleCommand.assign(inv, subnet, role, principal, Optional.of("ServicePrincipal"),
        Optional.empty());
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
