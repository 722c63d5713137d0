package dev.isla.identity.principal;

import java.util.Optional;

/**
 * A managed identity (system-assigned or user-assigned): its client id, its principal (object)
 * id, its tenant, and for user-assigned identities the ARM resource id IMDS callers may select it
 * by ({@code mi_res_id}).
 */
public record ManagedIdentity(String clientId, String principalId, String tenantId,
    Optional<String> resourceId) {

  public ManagedIdentity {
    ServicePrincipal.requireText(clientId, "clientId");
    ServicePrincipal.requireText(principalId, "principalId");
    ServicePrincipal.requireText(tenantId, "tenantId");
    resourceId = resourceId == null ? Optional.empty() : resourceId;
  }
}
