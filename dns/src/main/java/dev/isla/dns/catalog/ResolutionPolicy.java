package dev.isla.dns.catalog;

import java.util.Locale;

/**
 * A virtual-network link's {@code properties.resolutionPolicy}: what a VNet's resolver does when a
 * name falls inside a linked private zone but the zone has no such name.
 */
public enum ResolutionPolicy {
  /** The zone is authoritative: the answer is NXDOMAIN. */
  Default,
  /** Resolution continues on the public internet, as if the zone were not linked for this name. */
  NxDomainRedirect;

  /** Parses the wire value case-insensitively; an absent value means {@link #Default}. */
  public static ResolutionPolicy parse(String value) {
    for (ResolutionPolicy p : values()) {
      if (p.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown resolutionPolicy: " + value);
  }
}
