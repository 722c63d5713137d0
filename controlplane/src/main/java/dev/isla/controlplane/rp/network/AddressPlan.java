package dev.isla.controlplane.rp.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The private addresses of subnets: which Azure reserves, which are taken, and which are handed
 * out next. Every component that places something in a subnet allocates here, so that no two
 * holders ever share an address.
 *
 * <p>An address is taken when either
 *
 * <ul>
 *   <li>a network interface's ip configuration in that subnet holds it ({@code privateIPAddress}
 *       of {@code Microsoft.Network/networkInterfaces}, including the interfaces of private
 *       endpoints), or
 *   <li>an allocation record holds it: an internal resource of type {@link #ALLOCATION_TYPE},
 *       stored below the subnet as {@code <subnet>/providers/Isla.Internal/addressAllocations/<ip>}
 *       with body {@code {"owner": "<id>", "address": "<ip>"}}. Holders that are not network
 *       interfaces Isla serves (scale-set nodes, a VNet-integrated API server's load balancer)
 *       allocate with {@link #reserve} and give their addresses back with {@link #release}.
 * </ul>
 *
 * <p>Azure reserves five addresses of every subnet: the network address, {@code .1} (gateway),
 * {@code .2} and {@code .3} (Azure DNS) and the broadcast address; the first address handed out is
 * therefore {@code .4}. Allocation is deterministic: lowest free address first, across the
 * subnet's prefixes in their order. A subnet without enough free addresses answers Azure's
 * {@code SubnetIsFull}. Allocations are only valid inside the transaction that made them and
 * become visible to others when it commits, so concurrent writers never hand out one address
 * twice.
 */
public final class AddressPlan {

  /** Storage type key of allocation records; never served by any API. */
  public static final String ALLOCATION_TYPE = "isla.internal/addressallocations";

  private static final int RESERVED_AT_START = 4;

  private AddressPlan() {}

  /** True for the five addresses Azure keeps for itself in {@code prefix}. */
  public static boolean isReserved(Cidr prefix, Ipv4Address address) {
    long offset = address.value() - prefix.network().value();
    return offset < RESERVED_AT_START || address.equals(prefix.last());
  }

  /**
   * The addresses taken in a subnet, each with the id of what holds it (an ip configuration id,
   * or an allocation record's owner), lowest first.
   */
  public static Map<Ipv4Address, String> taken(ResourceReader reader, ResourceId subnet) {
    Map<Ipv4Address, String> taken = new TreeMap<>();
    for (StoredResource nic : reader.list(ResourceQuery.ofType(ResourceTypes.NETWORK_INTERFACES.key())
        .withUnder(ResourceId.subscription(subnet.subscriptionId())))) {
      for (JsonNode config : nic.body().path("properties").path("ipConfigurations")) {
        JsonNode p = config.path("properties");
        if (p.path("subnet").path("id").asText().equalsIgnoreCase(subnet.toString())
            && p.path("privateIPAddress").isTextual()) {
          taken.put(Ipv4Address.parse(p.path("privateIPAddress").asText()), config.path("id").asText());
        }
      }
    }
    for (StoredResource record : reader.list(ResourceQuery.ofType(ALLOCATION_TYPE).withUnder(subnet))) {
      taken.put(Ipv4Address.parse(record.body().path("address").asText()),
          record.body().path("owner").asText());
    }
    return taken;
  }

  /** Who holds {@code address} in the subnet, if anyone. */
  public static Optional<String> holder(ResourceReader reader, ResourceId subnet, Ipv4Address address) {
    return Optional.ofNullable(taken(reader, subnet).get(address));
  }

  /**
   * The {@code count} lowest free addresses of a subnet, without recording them (the caller
   * stores them, e.g. in a network interface it writes in the same transaction).
   *
   * @param alsoTaken addresses the caller already holds in this transaction but has not stored yet
   * @throws ArmException {@code InvalidResourceReference} when the subnet does not exist,
   *     {@code SubnetIsFull} when fewer than {@code count} addresses are free
   */
  public static List<Ipv4Address> next(ResourceReader reader, ResourceId subnet, int count,
      List<Ipv4Address> alsoTaken) {
    StoredResource stored = reader.get(subnet).orElseThrow(() -> ArmException.of(
        ArmErrorCode.INVALID_RESOURCE_REFERENCE, subnet.toString(), subnet.toString()));
    Map<Ipv4Address, String> taken = taken(reader, subnet);
    List<Ipv4Address> free = new ArrayList<>();
    List<Cidr> prefixes = SubnetDefinition.prefixes(stored.body());
    for (Cidr prefix : prefixes) {
      for (long i = RESERVED_AT_START; i < prefix.size() - 1 && free.size() < count; i++) {
        Ipv4Address candidate = prefix.network().plus(i);
        if (!taken.containsKey(candidate) && !alsoTaken.contains(candidate)) {
          free.add(candidate);
        }
      }
    }
    if (free.size() < count) {
      throw ArmException.of(ArmErrorCode.SUBNET_FULL, subnet.name(),
          prefixes.stream().map(Cidr::toString).reduce((a, b) -> a + "," + b).orElse(""), count);
    }
    return free;
  }

  /**
   * Reserves the {@code count} lowest free addresses of a subnet for {@code owner} and records
   * them as allocation records in {@code tx}.
   *
   * @param owner what the addresses are for, e.g. a scale-set instance's ip configuration id
   * @return the reserved addresses, lowest first
   * @throws ArmException as {@link #next}
   */
  public static List<Ipv4Address> reserve(ResourceStore.Transaction tx, ResourceId subnet,
      ResourceId owner, int count) {
    List<Ipv4Address> addresses = next(ResourceReader.of(tx), subnet, count, List.of());
    for (Ipv4Address address : addresses) {
      ObjectNode body = Json.object();
      body.put("owner", owner.toString());
      body.put("address", address.toString());
      tx.put(allocationId(subnet, address), ALLOCATION_TYPE, body);
    }
    return addresses;
  }

  /** Gives back every address {@code owner} reserved with {@link #reserve}, in any subnet. */
  public static void release(ResourceStore.Transaction tx, ResourceId owner) {
    tx.list(ResourceQuery.ofType(ALLOCATION_TYPE).withUnder(ResourceId.subscription(owner.subscriptionId())))
        .stream()
        .filter(r -> r.body().path("owner").asText().equalsIgnoreCase(owner.toString()))
        .forEach(r -> tx.delete(r.id()));
  }

  private static ResourceId allocationId(ResourceId subnet, Ipv4Address address) {
    return subnet.extension("Isla.Internal", "addressAllocations", address.toString());
  }
}
