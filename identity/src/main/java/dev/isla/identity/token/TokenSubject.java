package dev.isla.identity.token;

import dev.isla.identity.principal.ManagedIdentity;
import dev.isla.identity.principal.ServicePrincipal;
import java.util.Optional;

/**
 * Who a token is for: object id ({@code oid}, also {@code sub}), tenant ({@code tid}), application
 * id ({@code appid}), and for managed identities the ARM resource id ({@code xms_mirid}). Every
 * principal Isla issues tokens to is an application, so {@code idtyp} is {@code app}.
 */
public record TokenSubject(String objectId, String tenantId, String appId, Optional<String> resourceId) {

  /** The subject of a service principal's token. */
  public static TokenSubject of(ServicePrincipal principal) {
    return new TokenSubject(principal.objectId(), principal.tenantId(), principal.clientId(),
        Optional.empty());
  }

  /** The subject of a managed identity's token. */
  public static TokenSubject of(ManagedIdentity identity) {
    return new TokenSubject(identity.principalId(), identity.tenantId(), identity.clientId(),
        identity.resourceId());
  }
}
