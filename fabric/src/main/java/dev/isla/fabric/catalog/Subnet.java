package dev.isla.fabric.catalog;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.AddressPrefix;

/**
 * A subnet's egress-relevant settings.
 *
 * @param id the subnet id; its parent is the VNet
 * @param addressPrefix the subnet's block
 * @param defaultOutboundAccess the effective value of the subnet's {@code defaultOutboundAccess}:
 *     when the property is absent the adapter decides (true for subnets created with API versions
 *     before 2025-07-01, false from that version on — Azure's "private subnets by default")
 * @param natGateway a NAT gateway is associated with the subnet ({@code properties.natGateway})
 * @param routeTable a route table is associated with the subnet ({@code properties.routeTable})
 */
public record Subnet(ResourceId id, AddressPrefix addressPrefix, boolean defaultOutboundAccess,
    boolean natGateway, boolean routeTable) {

  /** The VNet the subnet belongs to. */
  public ResourceId virtualNetworkId() {
    return id.parent().orElseThrow(() -> new IllegalStateException(id + " has no parent"));
  }
}
