package dev.isla.fabric.catalog;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;

/**
 * One private IP of a private endpoint (one IP configuration of its NIC): the address, the
 * resource it leads to and which member of that resource
 * ({@code privateLinkConnectionProperties.requiredMemberName}, e.g. {@code registry} or
 * {@code registry_data_eastus}).
 *
 * @param privateEndpointId the {@code Microsoft.Network/privateEndpoints} resource
 * @param subnetId the subnet the endpoint lives in
 * @param privateIpAddress the endpoint's address for this member
 * @param privateLinkServiceId the target resource, e.g. a registry
 * @param requiredMemberName the member served at this address
 * @param approved the connection's {@code privateLinkServiceConnectionState.status} is
 *     {@code Approved}; a Pending, Rejected or Disconnected endpoint carries no traffic
 */
public record PrivateEndpointAddress(ResourceId privateEndpointId, ResourceId subnetId,
    LogicalAddress privateIpAddress, ResourceId privateLinkServiceId, String requiredMemberName,
    boolean approved) {

  /** The VNet the endpoint's address belongs to. */
  public ResourceId virtualNetworkId() {
    return subnetId.parent()
        .orElseThrow(() -> new IllegalStateException(subnetId + " has no parent"));
  }
}
