package dev.isla.controlplane.rp.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a subnet's own properties, shared by {@link SubnetProvider} and the inline
 * {@code subnets} of {@link VirtualNetworkProvider}: address prefixes in CIDR notation, at least
 * a /29, inside the virtual network, not overlapping a sibling; the network-policy enums with the
 * defaults of the 2025-05-01 REST spec ({@code privateEndpointNetworkPolicies: Disabled},
 * {@code privateLinkServiceNetworkPolicies: Enabled}); delegations; references to a NAT
 * gateway, route table and network security group kept as given.
 */
final class SubnetDefinition {

  /** Azure's smallest subnet: five reserved addresses leave three usable ones. */
  static final int LONGEST_PREFIX = 29;

  private static final List<String> ENDPOINT_POLICIES =
      List.of("Enabled", "Disabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled");
  private static final List<String> LINK_SERVICE_POLICIES = List.of("Enabled", "Disabled");
  private static final Map<String, List<String>> DELEGATION_ACTIONS = Map.of(
      "microsoft.containerservice/managedclusters",
      List.of("Microsoft.Network/virtualNetworks/subnets/join/action"));

  private SubnetDefinition() {}

  /** The prefixes of a stored (valid) subnet body: {@code addressPrefix} or {@code addressPrefixes}. */
  static List<Cidr> prefixes(JsonNode subnetBody) {
    JsonNode p = subnetBody.path("properties");
    List<Cidr> out = new ArrayList<>();
    if (p.path("addressPrefix").isTextual()) {
      out.add(Cidr.parse(p.path("addressPrefix").asText()));
    }
    for (JsonNode prefix : p.path("addressPrefixes")) {
      out.add(Cidr.parse(prefix.asText()));
    }
    return out;
  }

  /** Parses a prefix of {@code owner}'s, answering Azure's errors for malformed ones. */
  static Cidr prefix(JsonNode text, ResourceId owner) {
    try {
      return Cidr.parse(text.asText());
    } catch (Cidr.HostBitsSet e) {
      throw ArmException.of(ArmErrorCode.INVALID_CIDR, text.asText(), owner.toString(), e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.INVALID_ADDRESS_PREFIX, text.asText(), owner.toString());
    }
  }

  /**
   * Validates a requested subnet and builds the body to store.
   *
   * @param requested the subnet as sent (read-only properties are ignored)
   * @param vnetSpace the address space of the virtual network
   * @param siblings the other subnets of the network: name → prefixes
   */
  static ObjectNode build(ResourceId id, JsonNode requested, List<Cidr> vnetSpace,
      Map<String, List<Cidr>> siblings) {
    JsonNode p = requested.path("properties");
    String vnet = id.parent().orElseThrow().name();
    List<Cidr> prefixes = requestedPrefixes(id, p);
    for (Cidr prefix : prefixes) {
      if (prefix.length() > LONGEST_PREFIX) {
        throw ArmException.of(ArmErrorCode.SUBNET_TOO_SMALL, id.name(), vnet,
            "The prefix " + prefix + " is too small: the smallest supported subnet is a /29.");
      }
      if (vnetSpace.stream().noneMatch(space -> space.contains(prefix))) {
        throw ArmException.of(ArmErrorCode.SUBNET_OUTSIDE_VNET, id.name(), vnet);
      }
      for (var sibling : siblings.entrySet()) {
        if (!sibling.getKey().equalsIgnoreCase(id.name())
            && sibling.getValue().stream().anyMatch(prefix::overlaps)) {
          throw ArmException.of(ArmErrorCode.SUBNETS_OVERLAP, id.name(), vnet, sibling.getKey());
        }
      }
    }
    ObjectNode props = Json.object();
    if (p.has("addressPrefixes") && !p.has("addressPrefix")) {
      ArrayNode list = props.putArray("addressPrefixes");
      prefixes.forEach(c -> list.add(c.toString()));
    } else {
      props.put("addressPrefix", prefixes.getFirst().toString());
    }
    for (String ref : List.of("networkSecurityGroup", "routeTable", "natGateway")) {
      reference(p, ref, id).ifPresent(r -> props.set(ref, r));
    }
    props.set("delegations", delegations(id, p.path("delegations")));
    props.put("privateEndpointNetworkPolicies",
        oneOf(p, "privateEndpointNetworkPolicies", ENDPOINT_POLICIES, "Disabled"));
    props.put("privateLinkServiceNetworkPolicies",
        oneOf(p, "privateLinkServiceNetworkPolicies", LINK_SERVICE_POLICIES, "Enabled"));
    JsonNode outbound = p.path("defaultOutboundAccess");
    if (!outbound.isMissingNode() && !outbound.isNull()) {
      if (!outbound.isBoolean()) {
        throw cannotParse("defaultOutboundAccess", outbound);
      }
      props.put("defaultOutboundAccess", outbound.asBoolean());
    }
    props.put("provisioningState", "Succeeded");
    ObjectNode body = Json.object();
    body.set("properties", props);
    return body;
  }

  private static List<Cidr> requestedPrefixes(ResourceId id, JsonNode p) {
    List<Cidr> prefixes = new ArrayList<>();
    if (p.path("addressPrefix").isTextual()) {
      prefixes.add(prefix(p.path("addressPrefix"), id));
    } else {
      for (JsonNode text : p.path("addressPrefixes")) {
        prefixes.add(prefix(text, id));
      }
    }
    if (prefixes.isEmpty()) {
      throw ArmException.of(ArmErrorCode.SUBNET_TOO_SMALL, id.name(), id.parent().orElseThrow().name(),
          "The subnet needs an addressPrefix or addressPrefixes.");
    }
    for (int i = 0; i < prefixes.size(); i++) {
      for (int j = i + 1; j < prefixes.size(); j++) {
        if (prefixes.get(i).overlaps(prefixes.get(j))) {
          throw ArmException.of(ArmErrorCode.SUBNETS_OVERLAP, id.name(), id.parent().orElseThrow().name(),
              id.name());
        }
      }
    }
    return prefixes;
  }

  private static ArrayNode delegations(ResourceId subnet, JsonNode requested) {
    ArrayNode out = Json.array();
    for (JsonNode d : requested) {
      String name = d.path("name").asText("");
      String service = d.path("properties").path("serviceName").asText("");
      if (name.isBlank() || service.isBlank()) {
        throw ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT,
            "A delegation of subnet " + subnet.name() + " needs a name and properties.serviceName.");
      }
      ObjectNode delegation = out.addObject();
      delegation.put("name", name);
      delegation.put("id", subnet + "/delegations/" + name);
      ObjectNode props = delegation.putObject("properties");
      props.put("serviceName", service);
      ArrayNode actions = props.putArray("actions");
      DELEGATION_ACTIONS.getOrDefault(service.toLowerCase(java.util.Locale.ROOT), List.of())
          .forEach(actions::add);
      props.put("provisioningState", "Succeeded");
      delegation.put("type", "Microsoft.Network/virtualNetworks/subnets/delegations");
    }
    return out;
  }

  /** A {@code {"id": …}} reference, its id checked to be a resource id. */
  static Optional<ObjectNode> reference(JsonNode properties, String name, ResourceId owner) {
    JsonNode ref = properties.path(name);
    if (ref.isMissingNode() || ref.isNull()) {
      return Optional.empty();
    }
    String text = ref.path("id").asText("");
    try {
      ResourceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.LINKED_INVALID_PROPERTY_ID, text, "properties." + name + ".id");
    }
    ObjectNode out = Json.object();
    out.put("id", text);
    return Optional.of(out);
  }

  private static String oneOf(JsonNode p, String name, List<String> allowed, String fallback) {
    JsonNode value = p.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    return allowed.stream().filter(a -> a.equalsIgnoreCase(value.asText())).findFirst()
        .filter(a -> value.isTextual())
        .orElseThrow(() -> cannotParse(name, value));
  }

  /** Azure's answer to a value its JSON model cannot hold (a bad enum, a string for a bool). */
  static ArmException cannotParse(String property, JsonNode value) {
    return ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT,
        "Cannot parse the request. Value " + value + " is not valid for property '" + property + "'.");
  }
}
