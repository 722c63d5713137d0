package dev.isla.identity.principal;

import java.util.Optional;

/**
 * Port: who may obtain tokens. The launcher adapts the control plane's identities (service
 * principals and managed identities) to it; tests use {@link InMemoryPrincipalDirectory}. Lookups
 * are by id, case-insensitive; absence is an empty {@link Optional}, never an exception.
 * Implementations are thread-safe and answer from current state (a deleted identity stops
 * getting tokens at once).
 */
public interface PrincipalDirectory {

  /** The service principal whose application (client) id is {@code clientId}. */
  Optional<ServicePrincipal> servicePrincipal(String clientId);

  /** The managed identity matching {@code selector}, among those this directory exposes. */
  Optional<ManagedIdentity> managedIdentity(IdentitySelector selector);

  /**
   * How a managed-identity caller names the identity it wants, as IMDS accepts it: nothing (the
   * only, or system-assigned, identity), {@code client_id}, {@code object_id}/{@code principal_id},
   * or {@code mi_res_id}/{@code msi_res_id}.
   */
  sealed interface IdentitySelector {
    /** No selector: the system-assigned identity, or the only user-assigned one. */
    record Default() implements IdentitySelector {}

    record ByClientId(String clientId) implements IdentitySelector {}

    record ByObjectId(String objectId) implements IdentitySelector {}

    record ByResourceId(String resourceId) implements IdentitySelector {}
  }
}
