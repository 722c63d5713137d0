package dev.isla.identity.principal;

/**
 * An application that logs in with the client-credentials grant: its client (application) id,
 * the object id of its service principal in {@code tenantId}, and its secret, hashed. Ids are
 * compared case-insensitively, as Azure AD does.
 */
public record ServicePrincipal(String clientId, String objectId, String tenantId,
    String displayName, SecretHash secret) {

  public ServicePrincipal {
    requireText(clientId, "clientId");
    requireText(objectId, "objectId");
    requireText(tenantId, "tenantId");
    requireText(displayName, "displayName");
    if (secret == null) {
      throw new IllegalArgumentException("a service principal needs a secret hash");
    }
  }

  static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}
