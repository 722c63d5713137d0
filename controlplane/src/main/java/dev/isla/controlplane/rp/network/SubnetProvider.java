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
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft.Network/virtualNetworks/subnets. The subnet's own rules are in
 * {@link SubnetDefinition}; this provider adds what involves other resources: an address-prefix
 * change may not strand an address in use, a subnet in use (network interfaces, private
 * endpoints, address allocations) cannot be deleted ({@code InUseSubnetCannotBeDeleted}), and the
 * view derives {@code ipConfigurations} and {@code privateEndpoints} from the store.
 */
public final class SubnetProvider implements ResourceProvider {

  @Override
  public ResourceType type() {
    return ResourceTypes.SUBNETS;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    ResourceId vnetId = request.id().parent().orElseThrow();
    ResourceReader reader = ResourceReader.of(request.tx());
    StoredResource vnet = reader.get(vnetId).orElseThrow();
    ObjectNode body = SubnetDefinition.build(request.id(), request.body(),
        VirtualNetworkProvider.addressSpace(vnet.body()), siblings(reader, vnetId));
    if (request.existing().isPresent()) {
      checkAddressesStayInside(reader, request.id(), SubnetDefinition.prefixes(body));
    }
    return Mutation.store(body);
  }

  /** The subnets of a network, name → prefixes. */
  static Map<String, List<Cidr>> siblings(ResourceReader reader, ResourceId vnet) {
    Map<String, List<Cidr>> out = new LinkedHashMap<>();
    for (StoredResource s : reader.list(ResourceQuery.ofType(ResourceTypes.SUBNETS.key()).withParent(vnet))) {
      out.put(s.id().name(), SubnetDefinition.prefixes(s.body()));
    }
    return out;
  }

  /** Refuses a prefix change that would leave a taken address outside the subnet. */
  static void checkAddressesStayInside(ResourceReader reader, ResourceId subnet, List<Cidr> prefixes) {
    for (var taken : AddressPlan.taken(reader, subnet).entrySet()) {
      if (prefixes.stream().noneMatch(p -> p.contains(taken.getKey()))) {
        throw ArmException.of(ArmErrorCode.IN_USE_SUBNET_UPDATE, subnet.name(), taken.getValue(),
            taken.getKey());
      }
    }
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    if (!request.force()) {
      checkNotInUse(ResourceReader.of(request.tx()), request.id());
    }
    return Mutation.delete();
  }

  /** Refuses with {@code InUseSubnetCannotBeDeleted}, naming the first user, when anything uses the subnet. */
  static void checkNotInUse(ResourceReader reader, ResourceId subnet) {
    List<String> users = users(reader, subnet);
    if (!users.isEmpty()) {
      throw ArmException.of(ArmErrorCode.IN_USE_SUBNET, subnet.name(), users.getFirst());
    }
  }

  /** Ids of what uses a subnet: ip configurations and allocation owners, then private endpoints. */
  static List<String> users(ResourceReader reader, ResourceId subnet) {
    List<String> users = new ArrayList<>(AddressPlan.taken(reader, subnet).values());
    users.addAll(PrivateEndpoints.inSubnet(reader, subnet));
    return users;
  }

  @Override
  public ObjectNode view(StoredResource resource, ResourceReader reader) {
    return render(resource, reader);
  }

  /** A subnet as Azure shows it, alone or inside its virtual network. */
  static ObjectNode render(StoredResource subnet, ResourceReader reader) {
    ObjectNode out = Json.object();
    out.put("id", subnet.id().toString());
    out.put("name", subnet.id().name());
    out.put("etag", subnet.etag());
    ObjectNode props = subnet.body().path("properties").deepCopy();
    for (JsonNode d : props.path("delegations")) {
      ((ObjectNode) d).put("etag", subnet.etag());
    }
    ArrayNode configs = ids(AddressPlan.taken(reader, subnet.id()).values());
    if (!configs.isEmpty()) {
      props.set("ipConfigurations", configs);
    }
    ArrayNode endpoints = ids(PrivateEndpoints.inSubnet(reader, subnet.id()));
    if (!endpoints.isEmpty()) {
      props.set("privateEndpoints", endpoints);
    }
    out.set("properties", props);
    out.put("type", ResourceTypes.SUBNETS.wireType());
    return out;
  }

  private static ArrayNode ids(Iterable<String> ids) {
    ArrayNode out = Json.array();
    ids.forEach(id -> out.addObject().put("id", id));
    return out;
  }

  @Override
  public boolean showsEtag() {
    return true;
  }
}
