package dev.isla.fabric.catalog;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;
import java.util.List;

/**
 * A container registry's public face: its host names and the public address they resolve to.
 * The fabric routes to that address like any public address; enforcing
 * {@code publicNetworkAccess: Disabled} (a 403 on the public path) is the registry's job, which
 * it does with {@code Fabric.origin}. The fabric uses this record to name destinations in
 * refusals.
 *
 * @param loginServer e.g. {@code myacr.azurecr.io}
 * @param dataEndpointHosts e.g. {@code myacr.eastus.data.azurecr.io}; empty when none
 * @param publicAddress the public logical address Isla gave the registry
 * @param publicNetworkAccessEnabled {@code publicNetworkAccess} is {@code Enabled}
 */
public record Registry(ResourceId id, String loginServer, List<String> dataEndpointHosts,
    LogicalAddress publicAddress, boolean publicNetworkAccessEnabled) {

  public Registry {
    dataEndpointHosts = List.copyOf(dataEndpointHosts);
    if (publicAddress.isNonPublic()) {
      throw new IllegalArgumentException(
          loginServer + ": " + publicAddress + " is not a public address");
    }
  }
}
