package dev.isla.controlplane.rp.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Microsoft.Authorization/roleAssignments, api 2022-04-01 (research/aks-isolation.md §4.8): an
 * extension resource on any scope (subscription, resource group, any resource — a subnet, a
 * registry). The name is a GUID; the role must be a built-in one; the principal must exist in
 * the {@link PrincipalDirectory}; one principal holds a role at a scope once. Assignments are
 * immutable (only {@code description} and {@code condition} may change). A list at a scope
 * answers what ARM answers: assignments at the scope, inherited from above it and below it
 * ({@link RoleAssignmentFilter}). Assignments go with their scope when it is deleted.
 */
public final class RoleAssignmentProvider implements ResourceProvider {

  static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final List<String> PRINCIPAL_TYPES =
      List.of("User", "Group", "ServicePrincipal", "ForeignGroup", "Device");

  private final Arm arm;
  private final PrincipalDirectory directory;

  public RoleAssignmentProvider(Arm arm, PrincipalDirectory directory) {
    this.arm = arm;
    this.directory = directory;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.ROLE_ASSIGNMENTS;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    ResourceId id = request.id();
    if (!GUID.matcher(id.name()).matches()) {
      throw ArmException.of(ArmErrorCode.INVALID_ROLE_ASSIGNMENT_ID, id.name());
    }
    JsonNode p = request.body().path("properties");
    String roleDefinitionId = p.path("roleDefinitionId").asText("");
    RoleDefinition role = RoleDefinitionProvider.resolve(roleDefinitionId)
        .orElseThrow(() -> ArmException.of(ArmErrorCode.ROLE_DEFINITION_INVALID, roleDefinitionId));
    String principalId = p.path("principalId").asText("");
    if (!GUID.matcher(principalId).matches()) {
      throw ArmException.of(ArmErrorCode.INVALID_PRINCIPAL_ID);
    }
    Optional<String> known = directory.principalType(principalId);
    if (known.isEmpty()) {
      throw ArmException.of(ArmErrorCode.PRINCIPAL_NOT_FOUND, principalId, arm.settings().tenantId());
    }
    String principalType = principalType(p.path("principalType"), known.get());
    String scope = id.scope();
    if (request.existing().isPresent()) {
      checkSameAssignment(request.existing().get().body().path("properties"), role, principalId);
    } else {
      checkNotAssigned(request, scope, role, principalId);
    }
    return Mutation.store(body(request, role, principalId, principalType, scope, p));
  }

  private static String principalType(JsonNode sent, String fallback) {
    if (sent.isMissingNode() || sent.isNull()) {
      return fallback;
    }
    return PRINCIPAL_TYPES.stream().filter(t -> t.equalsIgnoreCase(sent.asText())).findFirst()
        .orElseThrow(() -> ArmException.of(ArmErrorCode.INVALID_PRINCIPAL_TYPE, sent.asText()));
  }

  private static void checkSameAssignment(JsonNode before, RoleDefinition role, String principalId) {
    boolean sameRole = RoleDefinitionProvider.resolve(before.path("roleDefinitionId").asText())
        .map(r -> r.name().equals(role.name())).orElse(false);
    if (!sameRole || !before.path("principalId").asText().equalsIgnoreCase(principalId)) {
      throw ArmException.of(ArmErrorCode.ROLE_ASSIGNMENT_UPDATE_NOT_PERMITTED);
    }
  }

  private void checkNotAssigned(ResourceRequest request, String scope, RoleDefinition role, String principalId) {
    for (StoredResource other : request.tx().list(ResourceQuery.ofType(type().key()))) {
      JsonNode op = other.body().path("properties");
      if (other.id().scope().equalsIgnoreCase(scope)
          && op.path("principalId").asText().equalsIgnoreCase(principalId)
          && RoleDefinitionProvider.resolve(op.path("roleDefinitionId").asText())
              .map(r -> r.name().equals(role.name())).orElse(false)) {
        throw ArmException.of(ArmErrorCode.ROLE_ASSIGNMENT_EXISTS);
      }
    }
  }

  private ObjectNode body(ResourceRequest request, RoleDefinition role, String principalId,
      String principalType, String scope, JsonNode sent) {
    String now = arm.clock().instant().toString();
    JsonNode before = request.existing().map(r -> r.body().path("properties")).orElse(Json.object());
    ObjectNode out = Json.object();
    ObjectNode p = out.putObject("properties");
    p.put("roleDefinitionId", role.idIn(request.id().subscriptionId()));
    p.put("principalId", before.path("principalId").asText(principalId));
    p.put("principalType", principalType);
    p.put("scope", scope);
    JsonNode condition = sent.path("condition");
    p.set("condition", condition.isTextual() ? condition : Json.object().nullNode());
    p.set("conditionVersion", condition.isTextual()
        ? Json.object().textNode(sent.path("conditionVersion").asText("2.0")) : Json.object().nullNode());
    p.put("createdOn", before.path("createdOn").asText(now));
    p.put("updatedOn", now);
    // The caller's object id, as Azure records it; a write the engine makes keeps what was there.
    Optional<String> by = request.caller().map(c -> c.objectId());
    JsonNode createdBy = before.path("createdBy").isTextual() ? before.get("createdBy")
        : by.<JsonNode>map(Json.object()::textNode).orElse(Json.object().nullNode());
    p.set("createdBy", createdBy);
    p.set("updatedBy", by.<JsonNode>map(Json.object()::textNode)
        .orElse(before.path("updatedBy").isTextual() ? before.get("updatedBy") : Json.object().nullNode()));
    p.set("delegatedManagedIdentityResourceId", sent.path("delegatedManagedIdentityResourceId").isTextual()
        ? sent.get("delegatedManagedIdentityResourceId") : Json.object().nullNode());
    p.set("description", sent.path("description").isTextual() ? sent.get("description") : Json.object().nullNode());
    return out;
  }

  @Override
  public List<StoredResource> list(ResourceStore store, ResourceId parent, Map<String, String> query) {
    RoleAssignmentFilter filter = RoleAssignmentFilter.parse(query.getOrDefault("$filter", ""));
    return store.list(ResourceQuery.ofType(type().key())).stream()
        .filter(r -> filter.matches(parent, r))
        .toList();
  }
}
