package dev.isla.fabric;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.route.Path;
import java.util.Optional;

/**
 * Where an accepted connection comes from, in Isla's simulated network.
 *
 * @param nodeId the connecting node; empty for the host (a person's skopeo or curl)
 * @param virtualNetworkId the node's VNet; empty for the host
 * @param source the node's private address; empty for the host. On the public path this is
 *     still the node's private address: Isla does not model the SNAT public addresses
 * @param destination the logical address the node dialled (a registry's public address, a
 *     private endpoint address …); empty for the host, which dialled the listener directly
 * @param path how the connection got there; {@code Public} with no egress for the host
 */
public record Origin(Optional<String> nodeId, Optional<ResourceId> virtualNetworkId,
    Optional<LogicalAddress> source, Optional<LogicalAddress> destination, Path path) {

  /** A connection from the host: the internet, public path. */
  public static Origin internet() {
    return new Origin(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        new Path.Public(Optional.empty()));
  }

  /** True when the connection came through a private endpoint. */
  public boolean viaPrivateEndpoint() {
    return path instanceof Path.PrivateEndpoint;
  }
}
