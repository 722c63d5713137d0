package dev.isla.controlplane.rp.managedidentity;

import dev.isla.arm.ResourceId;
import java.util.Objects;

/**
 * A user-assigned managed identity as other components need it: the node bootstrap resolves a
 * kubelet identity's {@code clientId} to the {@code principalId} its tokens carry, and role
 * assignments name the {@code principalId}.
 *
 * @param id the identity's ARM id
 * @param location its region
 * @param tenantId the tenant it belongs to
 * @param principalId the service principal's object id (GUID)
 * @param clientId the application (client) id (GUID)
 */
public record Identity(ResourceId id, String location, String tenantId, String principalId, String clientId) {

  public Identity {
    Objects.requireNonNull(id);
    Objects.requireNonNull(location);
    Objects.requireNonNull(tenantId);
    Objects.requireNonNull(principalId);
    Objects.requireNonNull(clientId);
  }

  /** The identity's name. */
  public String name() {
    return id.name();
  }
}
