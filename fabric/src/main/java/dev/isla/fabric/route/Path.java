package dev.isla.fabric.route;

import dev.isla.arm.ResourceId;
import java.util.Optional;

/** How a connection reached its destination. */
public sealed interface Path {

  /** Inside one VNet, node to node or node to a VNet address that is not a private endpoint. */
  record VNet() implements Path {}

  /** Through a private endpoint of the node's VNet to the resource behind it. */
  record PrivateEndpoint(ResourceId privateEndpointId, ResourceId privateLinkServiceId,
      String requiredMemberName) implements Path {}

  /**
   * Over the internet to a public address.
   *
   * @param egress how the connection left its VNet; empty when it came from the host (the
   *     machine running Isla, which stands for "somewhere on the internet")
   */
  record Public(Optional<Egress> egress) implements Path {}

  /** To one of Azure's platform addresses (168.63.129.16, 169.254.169.254), always reachable. */
  record Platform() implements Path {}
}
