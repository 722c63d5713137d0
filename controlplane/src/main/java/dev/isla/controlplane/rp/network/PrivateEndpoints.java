package dev.isla.controlplane.rp.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read side of private endpoints, for the components that react to them: the registry
 * provider (a registry's {@code privateEndpointConnections} and {@code dataEndpointEnabled}), the
 * DNS server and the network fabric (which private IP reaches which resource).
 *
 * <p>Everything is computed from the stored {@code Microsoft.Network/privateEndpoints} resources
 * and their network interfaces; nothing here writes.
 */
public final class PrivateEndpoints {

  /**
   * One private endpoint's connection to a resource.
   *
   * @param privateEndpoint the endpoint's id
   * @param location the endpoint's region
   * @param connectionName the name of its private link service connection, e.g. {@code myConnection}
   * @param groupIds the target's private link resources it connects to, e.g. {@code [registry]}
   * @param status {@code Approved} (automatic connections), {@code Pending} (manual ones) or
   *     {@code Disconnected} (the target was deleted: the endpoint reaches nothing any more)
   * @param description the connection state's description, e.g. {@code Auto-Approved}
   * @param manual true when requested through {@code manualPrivateLinkServiceConnections}
   * @param subnet the subnet the endpoint's addresses are in
   * @param provisioningState the endpoint's provisioning state ({@code Updating} while created)
   * @param members one entry per required member, each with its private address
   */
  public record Connection(ResourceId privateEndpoint, String location, String connectionName,
      List<String> groupIds, String status, String description, boolean manual, ResourceId subnet,
      String provisioningState, List<Member> members) {

    public Connection {
      groupIds = List.copyOf(groupIds);
      members = List.copyOf(members);
    }
  }

  /**
   * One required member of a connection and the private address serving it.
   *
   * @param groupId e.g. {@code registry}
   * @param requiredMemberName e.g. {@code registry} or {@code registry_data_eastus}
   * @param address the private IP of the member's ip configuration
   * @param fqdns the names that should resolve to it, e.g. {@code [myacr.azurecr.io]}
   */
  public record Member(String groupId, String requiredMemberName, Ipv4Address address, List<String> fqdns) {

    public Member {
      fqdns = List.copyOf(fqdns);
    }
  }

  private PrivateEndpoints() {}

  /** The private endpoints connecting to {@code target} (committed state), ordered by endpoint id. */
  public static List<Connection> connectingTo(ResourceStore store, ResourceId target) {
    return connectingTo(ResourceReader.of(store), target);
  }

  /**
   * The private endpoints connecting to {@code target} as {@code reader} sees them (a provider's
   * view passes its reader), ordered by endpoint id; empty when none.
   */
  public static List<Connection> connectingTo(ResourceReader reader, ResourceId target) {
    List<Connection> out = new ArrayList<>();
    for (StoredResource pe : all(reader, target.subscriptionId())) {
      connection(reader, pe).filter(c -> connectionTarget(pe).equalsIgnoreCase(target.toString()))
          .ifPresent(out::add);
    }
    return out;
  }

  /** Ids of the private endpoints placed in {@code subnet}. */
  static List<String> inSubnet(ResourceReader reader, ResourceId subnet) {
    return all(reader, subnet.subscriptionId()).stream()
        .filter(pe -> pe.body().path("properties").path("subnet").path("id").asText()
            .equalsIgnoreCase(subnet.toString()))
        .map(pe -> pe.id().toString())
        .toList();
  }

  private static List<StoredResource> all(ResourceReader reader, String subscription) {
    return reader.list(ResourceQuery.ofType(ResourceTypes.PRIVATE_ENDPOINTS.key())
        .withUnder(ResourceId.subscription(subscription)));
  }

  /** The one connection of a stored endpoint, automatic or manual. */
  static JsonNode connectionNode(StoredResource pe) {
    JsonNode p = pe.body().path("properties");
    JsonNode auto = p.path("privateLinkServiceConnections");
    return auto.size() > 0 ? auto.get(0) : p.path("manualPrivateLinkServiceConnections").path(0);
  }

  private static String connectionTarget(StoredResource pe) {
    return connectionNode(pe).path("properties").path("privateLinkServiceId").asText();
  }

  private static Optional<Connection> connection(ResourceReader reader, StoredResource pe) {
    JsonNode c = connectionNode(pe);
    if (c.isMissingNode()) {
      return Optional.empty();
    }
    JsonNode p = pe.body().path("properties");
    JsonNode state = c.path("properties").path("privateLinkServiceConnectionState");
    List<String> groups = new ArrayList<>();
    c.path("properties").path("groupIds").forEach(g -> groups.add(g.asText()));
    return Optional.of(new Connection(pe.id(), pe.body().path("location").asText(), c.path("name").asText(),
        groups, state.path("status").asText(), state.path("description").asText(),
        p.path("manualPrivateLinkServiceConnections").size() > 0,
        ResourceId.parse(p.path("subnet").path("id").asText()),
        p.path("provisioningState").asText("Succeeded"), members(reader, p)));
  }

  private static List<Member> members(ResourceReader reader, JsonNode peProperties) {
    List<Member> out = new ArrayList<>();
    for (JsonNode ref : peProperties.path("networkInterfaces")) {
      Optional<StoredResource> nic = reader.get(ResourceId.parse(ref.path("id").asText()));
      for (JsonNode config : nic.map(n -> n.body().path("properties").path("ipConfigurations"))
          .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
        JsonNode link = config.path("properties").path("privateLinkConnectionProperties");
        List<String> fqdns = new ArrayList<>();
        link.path("fqdns").forEach(f -> fqdns.add(f.asText()));
        out.add(new Member(link.path("groupId").asText(), link.path("requiredMemberName").asText(),
            Ipv4Address.parse(config.path("properties").path("privateIPAddress").asText()), fqdns));
      }
    }
    return out;
  }
}
