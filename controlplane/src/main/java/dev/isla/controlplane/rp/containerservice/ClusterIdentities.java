package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.Iterator;
import java.util.Optional;

/**
 * The cluster's control-plane identity ({@code identity}) and kubelet identity
 * ({@code identityProfile.kubeletidentity}), read from the user-assigned identities they name
 * (research/aks-isolation.md §4.3, §4.7).
 */
final class ClusterIdentities {

  static final String IDENTITY_TYPE = "microsoft.managedidentity/userassignedidentities";

  private ClusterIdentities() {}

  /** The stored {@code identity}: SystemAssigned (the default) or one user-assigned identity. */
  static ObjectNode controlPlane(JsonNode requested, Optional<JsonNode> previous, ResourceStore.Transaction tx,
      ClusterNames names, String tenantId) {
    JsonNode in = requested.isObject() ? requested : previous.orElse(Json.object());
    String type = in.path("type").asText("SystemAssigned");
    ObjectNode out = Json.object();
    if (type.equalsIgnoreCase("SystemAssigned")) {
      out.put("type", "SystemAssigned");
      out.put("principalId", names.guid("system-identity"));
      out.put("tenantId", tenantId);
      return out;
    }
    if (!type.equalsIgnoreCase("UserAssigned")) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "The identity type '" + type
          + "' is not supported: Isla clusters use a SystemAssigned or a UserAssigned managed identity.")
          .target("identity.type");
    }
    JsonNode ids = in.path("userAssignedIdentities");
    if (!ids.isObject() || ids.size() != 1) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "The identity type UserAssigned needs exactly one user assigned identity; " + ids.size()
              + " were given. Only one user assigned identity is supported for the control plane.")
          .target("identity.userAssignedIdentities");
    }
    String id = ids.fieldNames().next();
    JsonNode identity = read(tx, id, "identity.userAssignedIdentities").path("properties");
    out.put("type", "UserAssigned");
    ObjectNode entry = out.putObject("userAssignedIdentities").putObject(id);
    entry.put("principalId", identity.path("principalId").asText());
    entry.put("clientId", identity.path("clientId").asText());
    return out;
  }

  /** The principal id of the control-plane identity (for role checks). */
  static String principalId(JsonNode identity) {
    if (identity.path("type").asText().equals("SystemAssigned")) {
      return identity.path("principalId").asText();
    }
    Iterator<JsonNode> values = identity.path("userAssignedIdentities").elements();
    return values.hasNext() ? values.next().path("principalId").asText() : "";
  }

  /**
   * The stored {@code identityProfile}: a BYO kubelet identity (validated), the one kept from
   * before, or the AKS-created {@code <cluster>-agentpool} identity, whose ids the provisioning
   * step fills in once it exists.
   */
  static ObjectNode kubelet(JsonNode requested, Optional<JsonNode> previous, ObjectNode identity,
      ResourceStore.Transaction tx, ClusterNames names, String nodeResourceGroup) {
    String wanted = requested.path("kubeletidentity").path("resourceId").asText("");
    JsonNode before = previous.map(p -> p.path("kubeletidentity")).orElse(Json.object());
    ObjectNode profile = Json.object();
    ObjectNode kubelet = profile.putObject("kubeletidentity");
    if (wanted.isBlank() || wanted.equalsIgnoreCase(before.path("resourceId").asText())) {
      if (before.isObject() && before.has("resourceId")) {
        kubelet.setAll((ObjectNode) before);
        return profile;
      }
      kubelet.put("resourceId", names.kubeletIdentity(nodeResourceGroup).toString());
      return profile;
    }
    if (!identity.path("type").asText().equals("UserAssigned")) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "A custom kubelet identity (identityProfile.kubeletidentity) can only be used with a user assigned "
              + "control plane identity; the cluster's identity type is '" + identity.path("type").asText() + "'.")
          .target("identityProfile.kubeletidentity");
    }
    JsonNode props = read(tx, wanted, "identityProfile.kubeletidentity.resourceId").path("properties");
    kubelet.put("resourceId", wanted);
    kubelet.put("clientId", props.path("clientId").asText());
    kubelet.put("objectId", props.path("principalId").asText());
    return profile;
  }

  private static JsonNode read(ResourceStore.Transaction tx, String id, String property) {
    ResourceId parsed;
    try {
      parsed = ResourceId.parse(id);
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "The value of parameter " + property + " is invalid: '" + id + "' is not a valid Azure resource ID.")
          .target(property);
    }
    return tx.get(parsed).filter(r -> r.type().equals(IDENTITY_TYPE)).map(StoredResource::body)
        .orElseThrow(() -> ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
            "The user assigned identity '" + id + "' (" + property + ") was not found.").target(property));
  }
}
