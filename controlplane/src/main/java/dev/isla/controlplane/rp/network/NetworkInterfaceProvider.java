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
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Microsoft.Network/networkInterfaces. Ip configurations are sub-resources
 * ({@code <nic>/ipConfigurations/<name>}) whose private addresses come from the
 * {@link AddressPlan}: a static address must lie in the subnet, outside Azure's five reserved
 * ones, and be free; a dynamic one is the lowest free address (and is kept across updates while
 * the configuration stays in its subnet). The interface a private endpoint creates is read-only:
 * it cannot be modified ({@code CannotModifyNicAttachedToPrivateEndpoint}) or deleted directly.
 */
public final class NetworkInterfaceProvider implements ResourceProvider {

  static final String IP_CONFIGURATION_TYPE = "Microsoft.Network/networkInterfaces/ipConfigurations";

  private final Arm arm;

  public NetworkInterfaceProvider(Arm arm) {
    this.arm = arm;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.NETWORK_INTERFACES;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    request.existing().flatMap(NetworkInterfaceProvider::privateEndpoint).ifPresent(pe -> {
      throw ArmException.of(ArmErrorCode.NIC_OF_PRIVATE_ENDPOINT_MODIFY, request.id().toString(), pe);
    });
    ObjectNode body = request.body();
    JsonNode p = body.path("properties");
    ObjectNode out = TrackedBody.start(arm, request);
    ObjectNode props = (ObjectNode) out.get("properties");
    props.set("ipConfigurations", new IpConfigurations(request).build(p.path("ipConfigurations")));
    JsonNode dnsServers = p.path("dnsSettings").path("dnsServers");
    settings(props, dnsServers.isArray() ? dnsServers : Json.array(), Optional.empty(),
        bool(p, "enableAcceleratedNetworking"),
        bool(p, "enableIPForwarding"), bool(p, "disableTcpStateTracking"));
    props.put("nicType", "Standard");
    props.put("auxiliaryMode", "None");
    props.put("auxiliarySku", "None");
    return Mutation.store(out);
  }

  /** The interface-wide settings every interface shows, in Azure's order. */
  private static void settings(ObjectNode props, JsonNode dnsServers, Optional<String> macAddress,
      boolean accelerated, boolean ipForwarding, boolean noTcpStateTracking) {
    ObjectNode dns = props.putObject("dnsSettings");
    dns.set("dnsServers", dnsServers);
    dns.putArray("appliedDnsServers");
    macAddress.ifPresent(mac -> props.put("macAddress", mac));
    props.put("enableAcceleratedNetworking", accelerated);
    props.put("vnetEncryptionSupported", false);
    props.put("enableIPForwarding", ipForwarding);
    props.put("disableTcpStateTracking", noTcpStateTracking);
    props.putArray("hostedWorkloads");
    props.putArray("tapConfigurations");
  }

  private static boolean bool(JsonNode p, String name) {
    JsonNode value = p.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw SubnetDefinition.cannotParse(name, value);
    }
    return value.asBoolean();
  }

  /** The private endpoint owning a stored interface, if any. */
  static Optional<String> privateEndpoint(StoredResource nic) {
    return Optional.of(nic.body().path("properties").path("privateEndpoint").path("id"))
        .filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    Optional<String> pe = privateEndpoint(request.existing().orElseThrow());
    if (pe.isPresent() && !request.force()) {
      throw ArmException.of(ArmErrorCode.NIC_OF_PRIVATE_ENDPOINT_DELETE, request.id().toString(), pe.get());
    }
    return Mutation.delete();
  }

  @Override
  public ObjectNode view(StoredResource resource, ResourceReader reader) {
    ObjectNode out = resource.body();
    for (JsonNode config : out.path("properties").path("ipConfigurations")) {
      ((ObjectNode) config).put("etag", resource.etag());
    }
    return out;
  }

  @Override
  public boolean showsEtag() {
    return true;
  }

  /**
   * The body of the read-only interface a private endpoint creates: one dynamic ip configuration
   * per required member, in the given order, the first one primary.
   */
  static ObjectNode forPrivateEndpoint(ResourceId nic, String location, ResourceId privateEndpoint,
      ResourceId subnet, List<PrivateLinkResources.Member> members, List<Ipv4Address> addresses) {
    ObjectNode out = Json.object();
    out.put("id", nic.toString());
    out.put("name", nic.name());
    out.put("type", ResourceTypes.NETWORK_INTERFACES.wireType());
    out.put("location", location);
    out.putObject("tags");
    ObjectNode props = out.putObject("properties");
    props.put("provisioningState", "Succeeded");
    props.put("resourceGuid", UUID.randomUUID().toString());
    ArrayNode configs = props.putArray("ipConfigurations");
    for (int i = 0; i < members.size(); i++) {
      PrivateLinkResources.Member m = members.get(i);
      ObjectNode config = ipConfiguration(nic, "privateEndpointIpConfig." + UUID.randomUUID(),
          addresses.get(i), "Dynamic", subnet, i == 0);
      ObjectNode link = ((ObjectNode) config.get("properties")).putObject("privateLinkConnectionProperties");
      link.put("groupId", m.groupId());
      link.put("requiredMemberName", m.requiredMemberName());
      ArrayNode fqdns = link.putArray("fqdns");
      m.fqdns().forEach(fqdns::add);
      configs.add(config);
    }
    settings(props, Json.array(), Optional.of(""), false, false, false);
    props.putObject("privateEndpoint").put("id", privateEndpoint.toString());
    props.put("nicType", "Standard");
    props.put("auxiliaryMode", "None");
    props.put("auxiliarySku", "None");
    return out;
  }

  /** One ip configuration sub-resource. */
  static ObjectNode ipConfiguration(ResourceId nic, String name, Ipv4Address address, String method,
      ResourceId subnet, boolean primary) {
    ObjectNode config = Json.object();
    config.put("name", name);
    config.put("id", nic + "/ipConfigurations/" + name);
    config.put("type", IP_CONFIGURATION_TYPE);
    ObjectNode props = config.putObject("properties");
    props.put("provisioningState", "Succeeded");
    props.put("privateIPAddress", address.toString());
    props.put("privateIPAllocationMethod", method);
    props.putObject("subnet").put("id", subnet.toString());
    props.put("primary", primary);
    props.put("privateIPAddressVersion", "IPv4");
    return config;
  }
}
