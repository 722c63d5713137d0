package dev.isla.fabric.route;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;
import java.util.Objects;

/**
 * Where a node sits in the simulated network: the NIC address the control plane allocated it in
 * its pool's subnet, and the cluster whose outbound type governs its egress.
 *
 * @param nodeId unique across the fabric (e.g. the cluster's id and the node's name)
 * @param clusterId the managed cluster the node belongs to
 * @param virtualNetworkId the subnet's VNet
 * @param subnetId the pool's subnet
 * @param privateIpAddress the node's address in that subnet
 * @param instancePublicIp the node has its own public IP ({@code enableNodePublicIP}), which
 *     gives it egress whatever the outbound type (except {@code block})
 */
public record NodePosition(String nodeId, ResourceId clusterId, ResourceId virtualNetworkId,
    ResourceId subnetId, LogicalAddress privateIpAddress, boolean instancePublicIp) {

  public NodePosition {
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("a node id may not be blank");
    }
    Objects.requireNonNull(clusterId);
    Objects.requireNonNull(privateIpAddress);
    if (!subnetId.parent().map(virtualNetworkId::equals).orElse(false)) {
      throw new IllegalArgumentException("subnet " + subnetId + " is not in " + virtualNetworkId);
    }
  }

  /** A node without a public IP of its own (the AKS default). */
  public static NodePosition of(String nodeId, ResourceId clusterId, ResourceId subnetId,
      LogicalAddress privateIpAddress) {
    ResourceId vnet = subnetId.parent()
        .orElseThrow(() -> new IllegalArgumentException(subnetId + " is not a subnet id"));
    return new NodePosition(nodeId, clusterId, vnet, subnetId, privateIpAddress, false);
  }
}
