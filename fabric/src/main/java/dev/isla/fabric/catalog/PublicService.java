package dev.isla.fabric.catalog;

import dev.isla.fabric.address.LogicalAddress;

/**
 * A service Isla simulates on the public internet (e.g. {@code mcr.microsoft.com}, the upstream
 * stand-in) and the public logical address its name resolves to.
 */
public record PublicService(String host, LogicalAddress address) {

  public PublicService {
    if (address.isNonPublic()) {
      throw new IllegalArgumentException(host + ": " + address + " is not a public address");
    }
  }
}
