package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import java.util.List;
import java.util.Optional;

/**
 * {@code az network vnet}, {@code vnet subnet}, {@code private-endpoint} and {@code nic}
 * (research/aks-isolation.md §4.5, §5.3).
 */
public final class NetworkCommand {

  private static final ResourceRef VNET = ResourceRef.of(ResourceTypes.VIRTUAL_NETWORKS, "--name");
  static final ResourceRef SUBNET =
      ResourceRef.of(ResourceTypes.SUBNETS, "--vnet-name", "--name");
  private static final ResourceRef ENDPOINT =
      ResourceRef.of(ResourceTypes.PRIVATE_ENDPOINTS, "--name");
  private static final ResourceRef NIC = ResourceRef.of(ResourceTypes.NETWORK_INTERFACES, "--name");

  private NetworkCommand() {}

  public static List<CommandDef> commands() {
    Arg name = Arg.value("--name", "-n").asIdPart().help("The resource name.");
    Arg vnetName = Arg.value("--vnet-name").asIdPart().help("The virtual network (VNet) name.");
    Arg group = Arg.value("--resource-group", "-g").help("Name of resource group.");
    return List.of(
        CrudCommand.create("network vnet create", "Create a virtual network.", VNET,
            NetworkCommand::vnetBody, name.asRequired(), ResourceRef.groupArg().asRequired(),
            Arg.list("--address-prefixes").help("Space-separated IP address prefixes."),
            Arg.value("--location", "-l").help("Location."),
            Arg.value("--subnet-name").help("Name of a new subnet to create within the VNet."),
            Arg.list("--subnet-prefixes").help("Space-separated subnet prefixes.")),
        CrudCommand.show("network vnet show", "Get the details of a virtual network.", VNET, name),
        CrudCommand.list("network vnet list", "List virtual networks.", VNET, group),
        CrudCommand.delete("network vnet delete", "Delete a virtual network.", VNET,
            Optional.empty(), name),
        CrudCommand.create("network vnet subnet create", "Create a subnet.", SUBNET,
            inv -> subnetBody(inv, Json.object()), subnetArgs(name, vnetName)),
        CommandDef.of("network vnet subnet update", "Update a subnet.", NetworkCommand::subnetUpdate)
            .with(List.of(subnetArgs(name, vnetName))).with(List.of(ResourceRef.idsArg())),
        CrudCommand.show("network vnet subnet show", "Show the details of a subnet.", SUBNET,
            name, vnetName),
        CrudCommand.list("network vnet subnet list", "List the subnets in a virtual network.",
            SUBNET, vnetName.asRequired(), ResourceRef.groupArg().asRequired()),
        CrudCommand.delete("network vnet subnet delete", "Delete a subnet.", SUBNET,
            Optional.empty(), name, vnetName),
        CrudCommand.create("network private-endpoint create", "Create a private endpoint.",
            ENDPOINT, NetworkCommand::endpointBody, name.asRequired(),
            ResourceRef.groupArg().asRequired(),
            Arg.value("--subnet").asRequired().help("Name or ID of an existing subnet."),
            Arg.value("--vnet-name").help("The virtual network (VNet) associated with the "
                + "subnet."),
            Arg.value("--private-connection-resource-id").asRequired()
                .help("The resource id of the private endpoint to connect to."),
            Arg.list("--group-id", "--group-ids").help("The ID of the group obtained from the "
                + "remote resource that this private endpoint should connect to."),
            Arg.value("--connection-name").asRequired().help("Name of the private link service "
                + "connection."),
            Arg.value("--location", "-l").help("Location."),
            Arg.flag("--manual-request").help("Use manual request to establish the connection.")),
        CrudCommand.show("network private-endpoint show", "Get the details of a private "
            + "endpoint.", ENDPOINT, name),
        CrudCommand.list("network private-endpoint list", "List private endpoints.", ENDPOINT,
            group),
        CrudCommand.delete("network private-endpoint delete", "Delete a private endpoint.",
            ENDPOINT, Optional.empty(), name),
        CrudCommand.show("network nic show", "Get the details of a network interface.", NIC,
            name),
        CrudCommand.list("network nic list", "List network interfaces.", NIC, group));
  }

  private static Arg[] subnetArgs(Arg name, Arg vnetName) {
    return new Arg[] {name.asRequired(), vnetName.asRequired(), ResourceRef.groupArg().asRequired(),
        Arg.list("--address-prefixes", "--address-prefix").help("Space-separated address "
            + "prefixes in CIDR format."),
        Arg.value("--default-outbound-access").help("Set this property to false to disable "
            + "default outbound connectivity for all VMs in the subnet."),
        Arg.value("--private-endpoint-network-policies").choices("Disabled", "Enabled",
            "NetworkSecurityGroupEnabled", "RouteTableEnabled", "true", "false")
            .help("Manage network policy for private endpoint."),
        Arg.list("--delegations").help("Space-separated list of services to whom the subnet "
            + "should be delegated.")};
  }

  private static JsonNode vnetBody(Invocation inv) {
    List<String> prefixes = inv.values("--address-prefixes");
    ArrayNode space = Json.array();
    (prefixes.isEmpty() ? List.of("10.0.0.0/16") : prefixes).forEach(space::add);
    ObjectNode props = Json.object();
    props.set("addressSpace", Json.object().set("addressPrefixes", space));
    inv.value("--subnet-name").ifPresent(subnet -> {
      ObjectNode sub = Json.object().put("name", subnet);
      List<String> sp = inv.values("--subnet-prefixes");
      sub.set("properties", Json.object().put("addressPrefix",
          sp.isEmpty() ? "10.0.0.0/24" : sp.getFirst()));
      props.set("subnets", Json.array().add(sub));
    });
    ObjectNode body = Json.object().put("location", CrudCommand.groupLocation(inv));
    body.set("properties", props);
    return body;
  }

  /** Applies the subnet flags to {@code subnet} (a wire body, new or from a GET). */
  private static JsonNode subnetBody(Invocation inv, ObjectNode subnet) {
    ObjectNode props = subnet.has("properties") ? (ObjectNode) subnet.get("properties")
        : subnet.putObject("properties");
    List<String> prefixes = inv.values("--address-prefixes");
    if (prefixes.size() == 1) {
      props.put("addressPrefix", prefixes.getFirst());
      props.remove("addressPrefixes");
    } else if (prefixes.size() > 1) {
      ArrayNode all = props.putArray("addressPrefixes");
      prefixes.forEach(all::add);
      props.remove("addressPrefix");
    }
    inv.bool("--default-outbound-access").ifPresent(b -> props.put("defaultOutboundAccess", b));
    inv.value("--private-endpoint-network-policies").ifPresent(p -> props.put(
        "privateEndpointNetworkPolicies", p.equals("true") ? "Enabled"
            : p.equals("false") ? "Disabled" : p));
    if (inv.has("--delegations")) {
      ArrayNode delegations = props.putArray("delegations");
      for (String service : inv.values("--delegations")) {
        ObjectNode d = Json.object().put("name", service.replace('/', '.'));
        d.set("properties", Json.object().put("serviceName", service));
        delegations.add(d);
      }
    }
    return subnet;
  }

  private static Optional<JsonNode> subnetUpdate(Invocation inv) {
    ResourceId id = SUBNET.resolve(inv).getFirst();
    ObjectNode current = (ObjectNode) inv.arm().get(SUBNET.path(id));
    return CrudCommand.put(inv, SUBNET.path(id), subnetBody(inv, current));
  }

  private static JsonNode endpointBody(Invocation inv) {
    String subnet = inv.required("--subnet");
    String subnetId = subnet.startsWith("/") ? subnet : ResourceId.of(inv.subscriptionId(),
        inv.required("--resource-group"), "Microsoft.Network", "virtualNetworks",
        inv.required("--vnet-name"), "subnets", subnet).toString();
    ObjectNode connection = Json.object().put("name", inv.required("--connection-name"));
    ObjectNode connProps = connection.putObject("properties");
    connProps.put("privateLinkServiceId", inv.required("--private-connection-resource-id"));
    if (inv.has("--group-id")) {
      ArrayNode groups = connProps.putArray("groupIds");
      inv.values("--group-id").forEach(groups::add);
    }
    ObjectNode props = Json.object();
    props.set("subnet", Json.object().put("id", subnetId));
    props.set(inv.flag("--manual-request") ? "manualPrivateLinkServiceConnections"
        : "privateLinkServiceConnections", Json.array().add(connection));
    ObjectNode body = Json.object().put("location", CrudCommand.groupLocation(inv));
    body.set("properties", props);
    return body;
  }
}
