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
import dev.isla.controlplane.arm.Locations;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.arm.Step;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Microsoft.Network/privateEndpoints (research/aks-isolation.md §4.5). A private endpoint has
 * exactly one connection (automatic or manual) to a resource that exists and exposes the
 * requested group ({@link PrivateLinkResources}). Creating one is a long-running operation, as in
 * Azure: the PUT answers 201 with {@code provisioningState: Updating}; in the same transaction it
 * creates the read-only network interface {@code <pe>.nic.<guid>} (or
 * {@code customNetworkInterfaceName}) with one ip configuration per required member, each with
 * its own address from the subnet's {@link AddressPlan}, so the addresses exist before the
 * operation completes. Deleting the endpoint deletes that interface, which frees its addresses.
 *
 * <p>Subnets whose {@code privateEndpointNetworkPolicies} are {@code Enabled} accept private
 * endpoints: since 2023 Azure applies network security groups and route tables to endpoints in
 * such subnets instead of refusing them (the seed disables the policies, from the time Azure
 * refused).
 */
public final class PrivateEndpointProvider implements ResourceProvider {

  private static final String CONNECTIONS = "privateLinkServiceConnections";
  private static final String MANUAL = "manualPrivateLinkServiceConnections";

  private final Arm arm;

  public PrivateEndpointProvider(Arm arm) {
    this.arm = arm;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.PRIVATE_ENDPOINTS;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    ObjectNode body = request.body();
    JsonNode p = body.path("properties");
    ResourceId subnet = subnet(request, p);
    boolean manual = p.path(MANUAL).size() > 0;
    if (p.path(CONNECTIONS).size() + p.path(MANUAL).size() != 1) {
      throw ArmException.of(ArmErrorCode.INVALID_PARAMETER,
          "Private endpoint " + request.id().name()
              + " needs exactly one connection in privateLinkServiceConnections or manualPrivateLinkServiceConnections.")
          .target("properties." + CONNECTIONS);
    }
    JsonNode connection = p.path(manual ? MANUAL : CONNECTIONS).get(0);
    StoredResource target = target(request, connection);
    List<String> groupIds = new ArrayList<>();
    connection.path("properties").path("groupIds").forEach(g -> groupIds.add(g.asText()));
    List<PrivateLinkResources.Member> members = PrivateLinkResources.members(target, groupIds);
    if (request.existing().isPresent()) {
      return Mutation.store(update(request, body, subnet, target.id(), groupIds));
    }
    String location = Locations.orGroup(arm, body, request.existing(), request.id());
    ResourceId nic = nicId(request.id(), p);
    List<Ipv4Address> addresses =
        AddressPlan.next(ResourceReader.of(request.tx()), subnet, members.size(), List.of());
    request.tx().put(nic, ResourceTypes.NETWORK_INTERFACES.key(),
        NetworkInterfaceProvider.forPrivateEndpoint(nic, location, request.id(), subnet, members, addresses));
    ObjectNode out = Json.object();
    out.put("location", location);
    out.set("tags", body.path("tags").isObject() ? body.get("tags") : Json.object());
    ObjectNode props = out.putObject("properties");
    props.put("provisioningState", "Updating");
    props.put("resourceGuid", UUID.randomUUID().toString());
    ArrayNode made = connections(request.id(), connection, target.id(), groupIds, manual);
    props.set(CONNECTIONS, manual ? Json.array() : made);
    props.set(MANUAL, manual ? made : Json.array());
    props.put("customNetworkInterfaceName", p.path("customNetworkInterfaceName").asText(""));
    props.putObject("subnet").put("id", subnet.toString());
    props.putArray("ipConfigurations");
    props.putArray("networkInterfaces").addObject().put("id", nic.toString());
    props.set("customDnsConfigs", customDnsConfigs(members, addresses));
    return Mutation.storeAsync(out, Step.of("provision"));
  }

  private static ResourceId subnet(ResourceRequest request, JsonNode p) {
    String text = p.path("subnet").path("id").asText("");
    ResourceId subnet;
    try {
      subnet = ResourceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.LINKED_INVALID_PROPERTY_ID, text, "properties.subnet.id");
    }
    return request.tx().get(subnet).filter(s -> s.type().equals(ResourceTypes.SUBNETS.key()))
        .map(StoredResource::id)
        .orElseThrow(() -> ArmException.of(ArmErrorCode.INVALID_RESOURCE_REFERENCE, text,
            request.id().toString()));
  }

  private static StoredResource target(ResourceRequest request, JsonNode connection) {
    String text = connection.path("properties").path("privateLinkServiceId").asText("");
    ResourceId target;
    try {
      target = ResourceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.LINKED_INVALID_PROPERTY_ID, text,
          "properties.privateLinkServiceConnections[0].properties.privateLinkServiceId");
    }
    return request.tx().get(target).orElseThrow(() -> ArmException.of(
        ArmErrorCode.PRIVATE_LINK_SERVICE_NOT_FOUND, "Private link service resource " + text
            + " referenced by private endpoint " + request.id() + " was not found."));
  }

  private static ResourceId nicId(ResourceId pe, JsonNode p) {
    String custom = p.path("customNetworkInterfaceName").asText("");
    String name = custom.isBlank() ? pe.name() + ".nic." + UUID.randomUUID() : custom;
    return ResourceId.of(pe.subscriptionId(), pe.resourceGroup().orElseThrow(), "Microsoft.Network",
        "networkInterfaces", name);
  }

  private static ArrayNode connections(ResourceId pe, JsonNode requested, ResourceId target,
      List<String> groupIds, boolean manual) {
    String name = requested.path("name").asText(pe.name());
    ObjectNode c = Json.object();
    c.put("name", name);
    c.put("id", pe + "/" + (manual ? MANUAL : CONNECTIONS) + "/" + name);
    c.put("type", "Microsoft.Network/privateEndpoints/" + (manual ? MANUAL : CONNECTIONS));
    ObjectNode props = c.putObject("properties");
    props.put("provisioningState", "Succeeded");
    props.put("privateLinkServiceId", target.toString());
    ArrayNode groups = props.putArray("groupIds");
    groupIds.forEach(groups::add);
    if (manual) {
      props.put("requestMessage", requested.path("properties").path("requestMessage").asText(""));
    }
    ObjectNode state = props.putObject("privateLinkServiceConnectionState");
    state.put("status", manual ? "Pending" : "Approved");
    state.put("description", manual ? "Awaiting approval" : "Auto-Approved");
    state.put("actionsRequired", "None");
    ArrayNode out = Json.array();
    out.add(c);
    return out;
  }

  private static ArrayNode customDnsConfigs(List<PrivateLinkResources.Member> members,
      List<Ipv4Address> addresses) {
    ArrayNode out = Json.array();
    for (int i = 0; i < members.size(); i++) {
      for (String fqdn : members.get(i).fqdns()) {
        ObjectNode config = out.addObject();
        config.put("fqdn", fqdn);
        config.putArray("ipAddresses").add(addresses.get(i).toString());
      }
    }
    return out;
  }

  /**
   * An update keeps the interface, its addresses and the connection; only tags change. Moving an
   * endpoint to another subnet or target is refused, as Azure refuses it.
   */
  private static ObjectNode update(ResourceRequest request, ObjectNode body, ResourceId subnet,
      ResourceId target, List<String> groupIds) {
    StoredResource existing = request.existing().orElseThrow();
    JsonNode was = existing.body().path("properties");
    JsonNode wasConnection = PrivateEndpoints.connectionNode(existing).path("properties");
    List<String> wasGroups = new ArrayList<>();
    wasConnection.path("groupIds").forEach(g -> wasGroups.add(g.asText()));
    if (!was.path("subnet").path("id").asText().equalsIgnoreCase(subnet.toString())
        || !wasConnection.path("privateLinkServiceId").asText().equalsIgnoreCase(target.toString())
        || !wasGroups.equals(groupIds)) {
      throw ArmException.of(ArmErrorCode.INVALID_PARAMETER, "The subnet, target and group ids of private endpoint "
          + request.id().name() + " cannot be changed; delete and recreate it.");
    }
    ObjectNode out = existing.body();
    if (body.path("tags").isObject()) {
      out.set("tags", body.get("tags"));
    }
    return out;
  }

  @Override
  public JsonNode finish(ResourceId id, Step step) {
    return arm.store().get(id).map(StoredResource::body).orElseThrow(() -> arm.notFound(id));
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    for (JsonNode nic : request.existing().orElseThrow().body().path("properties").path("networkInterfaces")) {
      request.tx().delete(ResourceId.parse(nic.path("id").asText()));
    }
    return Mutation.delete();
  }

  @Override
  public ObjectNode view(StoredResource resource) {
    ObjectNode out = resource.body();
    for (String list : List.of(CONNECTIONS, MANUAL)) {
      for (JsonNode c : out.path("properties").path(list)) {
        ((ObjectNode) c).put("etag", resource.etag());
      }
    }
    return out;
  }

  @Override
  public boolean showsEtag() {
    return true;
  }
}
