package dev.isla.fabric.catalog;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.address.LogicalAddress;
import java.util.List;

/**
 * A virtual network as the fabric sees it: its id and {@code addressSpace.addressPrefixes}.
 * Every address inside these prefixes is "in the VNet" — reachable from the VNet's nodes without
 * any egress path.
 */
public record VirtualNetwork(ResourceId id, List<AddressPrefix> addressPrefixes) {

  public VirtualNetwork {
    addressPrefixes = List.copyOf(addressPrefixes);
    if (addressPrefixes.isEmpty()) {
      throw new IllegalArgumentException("virtual network " + id + " has no address prefix");
    }
  }

  /** True when {@code address} lies in one of the VNet's prefixes. */
  public boolean contains(LogicalAddress address) {
    return addressPrefixes.stream().anyMatch(p -> p.contains(address));
  }
}
