package dev.isla.controlplane.port;

import java.util.Optional;

/**
 * Port: the tenant's principals that the control plane does not model itself (service
 * principals such as the launcher's built-in one), which role assignments may name.
 * GUIDs compare case-insensitively; thread-safe.
 */
@FunctionalInterface
public interface TenantPrincipals {

  /** {@code ServicePrincipal}, {@code User}, … for {@code principalId}, or empty when unknown. */
  Optional<String> principalType(String principalId);

  /** No principals. */
  static TenantPrincipals none() {
    return principalId -> Optional.empty();
  }
}
