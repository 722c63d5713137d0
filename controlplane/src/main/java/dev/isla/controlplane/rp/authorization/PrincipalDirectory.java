package dev.isla.controlplane.rp.authorization;

import java.util.Optional;

/**
 * The directory of the cloud's tenant: which object ids exist and what kind of principal each
 * is. Role assignments may only name principals found here. Today the managed identities are
 * the only principals ({@link IdentityDirectory}); the cloud's users and service principals of a
 * later issue will join them by decorating this interface.
 */
public interface PrincipalDirectory {

  /**
   * The principal type of {@code principalId} ({@code ServicePrincipal}, {@code User}, …), or
   * empty when no such principal exists. GUIDs compare case-insensitively.
   */
  Optional<String> principalType(String principalId);
}
