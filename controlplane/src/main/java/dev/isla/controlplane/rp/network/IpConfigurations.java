package dev.isla.controlplane.rp.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ip configurations of a user-created network interface: validated and given addresses.
 * Static addresses are placed first, so that a dynamic configuration listed earlier never takes
 * an address a later static one asks for.
 */
final class IpConfigurations {

  private record Planned(String name, ResourceId subnet, boolean isStatic, Optional<Ipv4Address> address,
      JsonNode primary) {}

  private final ResourceRequest request;
  private final ResourceReader reader;
  private final List<Ipv4Address> chosen = new ArrayList<>();

  IpConfigurations(ResourceRequest request) {
    this.request = request;
    this.reader = ResourceReader.of(request.tx());
  }

  ArrayNode build(JsonNode requested) {
    List<Planned> planned = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode config : requested) {
      Planned p = plan(config);
      if (!names.add(p.name().toLowerCase(java.util.Locale.ROOT))) {
        throw ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT,
            "Network interface " + request.id().name() + " has two ip configurations named " + p.name() + ".");
      }
      planned.add(p);
    }
    if (planned.isEmpty()) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT,
          "Network interface " + request.id().name() + " needs at least one ip configuration.");
    }
    List<Ipv4Address> addresses = new ArrayList<>();
    planned.forEach(p -> addresses.add(null));
    for (int i = 0; i < planned.size(); i++) {
      if (planned.get(i).isStatic()) {
        addresses.set(i, placeStatic(planned.get(i)));
      }
    }
    for (int i = 0; i < planned.size(); i++) {
      if (!planned.get(i).isStatic()) {
        addresses.set(i, placeDynamic(planned.get(i)));
      }
    }
    return render(planned, addresses);
  }

  private Planned plan(JsonNode config) {
    String name = config.path("name").asText("");
    if (name.isBlank()) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT, "Every ip configuration needs a name.");
    }
    JsonNode p = config.path("properties");
    String subnetText = p.path("subnet").path("id").asText("");
    ResourceId subnet;
    try {
      subnet = ResourceId.parse(subnetText);
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.LINKED_INVALID_PROPERTY_ID, subnetText,
          "properties.ipConfigurations[" + name + "].properties.subnet.id");
    }
    subnet = reader.get(subnet).map(StoredResource::id).orElseThrow(() -> ArmException.of(
        ArmErrorCode.INVALID_RESOURCE_REFERENCE, subnetText, request.id().toString()));
    String method = p.path("privateIPAllocationMethod").asText("");
    Optional<Ipv4Address> address = Optional.of(p.path("privateIPAddress"))
        .filter(JsonNode::isTextual).map(a -> parseAddress(a.asText()));
    boolean isStatic = method.isEmpty() ? address.isPresent() : isStatic(method, p);
    if (isStatic && address.isEmpty()) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT,
          "Ip configuration " + name + " uses static allocation and needs a privateIPAddress.");
    }
    return new Planned(name, subnet, isStatic, address, p.path("primary"));
  }

  private static boolean isStatic(String method, JsonNode p) {
    if (method.equalsIgnoreCase("Static")) {
      return true;
    }
    if (method.equalsIgnoreCase("Dynamic")) {
      return false;
    }
    throw SubnetDefinition.cannotParse("privateIPAllocationMethod", p.path("privateIPAllocationMethod"));
  }

  private static Ipv4Address parseAddress(String text) {
    try {
      return Ipv4Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.INVALID_IP_ADDRESS, text);
    }
  }

  private Ipv4Address placeStatic(Planned p) {
    Ipv4Address address = p.address().orElseThrow();
    List<Cidr> prefixes = SubnetDefinition.prefixes(reader.get(p.subnet()).orElseThrow().body());
    Cidr prefix = prefixes.stream().filter(c -> c.contains(address)).findFirst()
        .orElseThrow(() -> ArmException.of(ArmErrorCode.PRIVATE_IP_NOT_IN_SUBNET, address,
            prefixes.getFirst()));
    if (AddressPlan.isReserved(prefix, address)) {
      throw ArmException.of(ArmErrorCode.PRIVATE_IP_RESERVED, address, prefix);
    }
    String own = request.id() + "/ipConfigurations/";
    Optional<String> holder = AddressPlan.holder(reader, p.subnet(), address)
        .filter(h -> !h.regionMatches(true, 0, own, 0, own.length()));
    if (holder.isPresent() || chosen.contains(address)) {
      throw ArmException.of(ArmErrorCode.PRIVATE_IP_IN_USE, p.name(), address,
          holder.orElse(request.id().toString()));
    }
    chosen.add(address);
    return address;
  }

  private Ipv4Address placeDynamic(Planned p) {
    Optional<Ipv4Address> kept = request.existing().stream()
        .flatMap(nic -> java.util.stream.StreamSupport.stream(
            nic.body().path("properties").path("ipConfigurations").spliterator(), false))
        .filter(c -> c.path("name").asText().equalsIgnoreCase(p.name())
            && c.path("properties").path("subnet").path("id").asText().equalsIgnoreCase(p.subnet().toString()))
        .map(c -> Ipv4Address.parse(c.path("properties").path("privateIPAddress").asText()))
        .filter(a -> !chosen.contains(a))
        .findFirst();
    Ipv4Address address = kept.orElseGet(() -> AddressPlan.next(reader, p.subnet(), 1, chosen).getFirst());
    chosen.add(address);
    return address;
  }

  private ArrayNode render(List<Planned> planned, List<Ipv4Address> addresses) {
    long primaries = planned.stream().filter(p -> p.primary().asBoolean(false)).count();
    if (primaries > 1) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_FORMAT,
          "Network interface " + request.id().name() + " has more than one primary ip configuration.");
    }
    ArrayNode out = Json.array();
    for (int i = 0; i < planned.size(); i++) {
      Planned p = planned.get(i);
      boolean primary = primaries == 0 ? i == 0 : p.primary().asBoolean(false);
      ObjectNode config = NetworkInterfaceProvider.ipConfiguration(request.id(), p.name(), addresses.get(i),
          p.isStatic() ? "Static" : "Dynamic", p.subnet(), primary);
      out.add(config);
    }
    return out;
  }
}
