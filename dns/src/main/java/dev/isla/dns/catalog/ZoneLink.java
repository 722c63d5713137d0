package dev.isla.dns.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * A private zone's virtual-network link: the VNet (its ARM resource id, compared
 * case-insensitively) whose resolver consults the zone, and the link's resolution policy.
 */
public record ZoneLink(String virtualNetworkId, ResolutionPolicy resolutionPolicy) {

  public ZoneLink {
    Objects.requireNonNull(virtualNetworkId, "virtualNetworkId");
    Objects.requireNonNull(resolutionPolicy, "resolutionPolicy");
    if (virtualNetworkId.isBlank()) {
      throw new IllegalArgumentException("virtualNetworkId is blank");
    }
  }

  /** Whether this link points at the given VNet (ARM ids are case-insensitive). */
  public boolean links(String vnetId) {
    return virtualNetworkId.toLowerCase(Locale.ROOT).equals(vnetId.toLowerCase(Locale.ROOT));
  }
}
