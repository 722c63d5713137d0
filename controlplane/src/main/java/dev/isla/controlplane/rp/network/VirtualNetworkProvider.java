package dev.isla.controlplane.rp.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft.Network/virtualNetworks. The address space is a list of non-overlapping IPv4 CIDR
 * blocks. As in Azure, a PUT carries the network's whole set of subnets: {@code subnets} given
 * inline are created or updated as child resources under the subnet rules, and stored subnets
 * missing from the body are deleted (refused with {@code InUseSubnetCannotBeDeleted} when in use)
 * — so clients update a network by GET, modify, PUT. The view lists the subnets from the store.
 * Deleting a network deletes its subnets, unless one is in use.
 */
public final class VirtualNetworkProvider implements ResourceProvider {

  private final Arm arm;

  public VirtualNetworkProvider(Arm arm) {
    this.arm = arm;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.VIRTUAL_NETWORKS;
  }

  /** The address space of a stored network. */
  static List<Cidr> addressSpace(JsonNode vnetBody) {
    List<Cidr> out = new ArrayList<>();
    vnetBody.path("properties").path("addressSpace").path("addressPrefixes")
        .forEach(p -> out.add(Cidr.parse(p.asText())));
    return out;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    ObjectNode body = request.body();
    JsonNode p = body.path("properties");
    List<Cidr> space = requestedSpace(request.id(), p);
    ObjectNode out = TrackedBody.start(arm, request);
    ObjectNode props = (ObjectNode) out.get("properties");
    ArrayNode prefixes = props.putObject("addressSpace").putArray("addressPrefixes");
    space.forEach(c -> prefixes.add(c.toString()));
    props.putObject("dhcpOptions").set("dnsServers", dnsServers(p.path("dhcpOptions").path("dnsServers")));
    props.putArray("virtualNetworkPeerings");
    if (p.path("enableDdosProtection").asBoolean(false)) {
      throw ArmException.of(ArmErrorCode.INVALID_PARAMETER,
          "DDoS protection needs a DDoS protection plan, which Isla does not serve.")
          .target("properties.enableDdosProtection");
    }
    props.put("enableDdosProtection", false);
    props.put("privateEndpointVNetPolicies", "Disabled");
    writeSubnets(request.tx(), request.id(), p.path("subnets"), space);
    return Mutation.store(out);
  }

  private static List<Cidr> requestedSpace(ResourceId id, JsonNode p) {
    List<Cidr> space = new ArrayList<>();
    for (JsonNode text : p.path("addressSpace").path("addressPrefixes")) {
      Cidr prefix = SubnetDefinition.prefix(text, id);
      for (Cidr other : space) {
        if (other.overlaps(prefix)) {
          throw ArmException.of(ArmErrorCode.VNET_ADDRESS_SPACE_OVERLAP, id.name(),
              other + " and " + prefix);
        }
      }
      space.add(prefix);
    }
    if (space.isEmpty()) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT,
          "Virtual network " + id.name() + " needs at least one address prefix in properties.addressSpace.addressPrefixes.");
    }
    return space;
  }

  private static ArrayNode dnsServers(JsonNode requested) {
    ArrayNode out = Json.array();
    for (JsonNode server : requested) {
      try {
        out.add(Ipv4Address.parse(server.asText()).toString());
      } catch (IllegalArgumentException e) {
        throw ArmException.of(ArmErrorCode.INVALID_IP_ADDRESS, server.asText())
            .target("properties.dhcpOptions.dnsServers");
      }
    }
    return out;
  }

  /** Makes the stored subnets what the body lists: create, update, delete (when not in use). */
  private static void writeSubnets(ResourceStore.Transaction tx, ResourceId vnet, JsonNode requested,
      List<Cidr> space) {
    ResourceReader reader = ResourceReader.of(tx);
    Map<String, List<Cidr>> kept = new LinkedHashMap<>();
    Map<ResourceId, ObjectNode> bodies = new LinkedHashMap<>();
    for (JsonNode subnet : requested) {
      ResourceId id = vnet.child("subnets", subnetName(subnet));
      ObjectNode body = SubnetDefinition.build(id, subnet, space, kept);
      kept.put(id.name(), SubnetDefinition.prefixes(body));
      bodies.put(id, body);
    }
    for (StoredResource stored : tx.list(ResourceQuery.ofType(ResourceTypes.SUBNETS.key()).withParent(vnet))) {
      if (!bodies.containsKey(stored.id())) {
        SubnetProvider.checkNotInUse(reader, stored.id());
        tx.list(ResourceQuery.all().withUnder(stored.id())).forEach(r -> tx.delete(r.id()));
        tx.delete(stored.id());
      }
    }
    for (var entry : bodies.entrySet()) {
      ResourceId id = tx.get(entry.getKey()).map(StoredResource::id).orElse(entry.getKey());
      SubnetProvider.checkAddressesStayInside(reader, id, SubnetDefinition.prefixes(entry.getValue()));
      ObjectNode stamped = Json.object();
      stamped.put("id", id.toString());
      stamped.put("name", id.name());
      stamped.put("type", ResourceTypes.SUBNETS.wireType());
      stamped.setAll(entry.getValue());
      tx.put(id, ResourceTypes.SUBNETS.key(), stamped);
    }
  }

  private static String subnetName(JsonNode subnet) {
    String name = subnet.path("name").asText("");
    if (name.isBlank() && subnet.path("id").isTextual()) {
      name = ResourceId.parse(subnet.path("id").asText()).name();
    }
    if (name.isBlank()) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT,
          "Every subnet in properties.subnets needs a name.");
    }
    return name;
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    if (!request.force()) {
      ResourceReader reader = ResourceReader.of(request.tx());
      reader.list(ResourceQuery.ofType(ResourceTypes.SUBNETS.key()).withParent(request.id()))
          .forEach(s -> SubnetProvider.checkNotInUse(reader, s.id()));
    }
    return Mutation.delete();
  }

  @Override
  public ObjectNode view(StoredResource resource, ResourceReader reader) {
    ObjectNode out = resource.body();
    ObjectNode stored = (ObjectNode) out.remove("properties");
    ObjectNode props = out.putObject("properties");
    ArrayNode subnets = Json.array();
    reader.list(ResourceQuery.ofType(ResourceTypes.SUBNETS.key()).withParent(resource.id()))
        .forEach(s -> subnets.add(SubnetProvider.render(s, reader)));
    stored.fields().forEachRemaining(field -> {
      props.set(field.getKey(), field.getValue());
      if (field.getKey().equals("dhcpOptions")) {
        props.set("subnets", subnets);
      }
    });
    return out;
  }

  @Override
  public boolean showsEtag() {
    return true;
  }
}
