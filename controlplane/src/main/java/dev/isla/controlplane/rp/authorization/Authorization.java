package dev.isla.controlplane.rp.authorization;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.RequiredAction;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a principal may do at a scope, from the role assignments at that scope and every
 * ancestor (Azure RBAC's inheritance). For the registry data plane (pull/push tokens) and the
 * control plane's token checks.
 */
public final class Authorization {

  /** Pull from a registry (AcrPull, AcrPush, Reader, Contributor, Owner grant it). */
  public static final String PULL = "Microsoft.ContainerRegistry/registries/pull/read";
  /** Push to a registry (AcrPush, Contributor, Owner). */
  public static final String PUSH = "Microsoft.ContainerRegistry/registries/push/write";
  /** Delete artifacts from a registry (AcrDelete, Contributor, Owner). */
  public static final String DELETE = "Microsoft.ContainerRegistry/registries/artifacts/delete";

  private Authorization() {}

  /**
   * The roles a principal holds at a scope.
   *
   * @param roles the distinct roles, each allowing its own actions minus its own notActions
   */
  public record Permissions(List<RoleDefinition> roles) {

    public Permissions {
      roles = List.copyOf(roles);
    }

    /** True when some role grants {@code action} (wildcards and notActions applied per role). */
    public boolean allows(String action) {
      return roles.stream().anyMatch(r -> r.allows(action));
    }

    /** True when some role grants the data action. */
    public boolean allowsData(String dataAction) {
      return roles.stream().anyMatch(r -> r.allowsData(dataAction));
    }

    /** The union of the roles' action patterns, e.g. {@code [Microsoft.ContainerRegistry/registries/pull/read]}. */
    public Set<String> actions() {
      Set<String> out = new LinkedHashSet<>();
      roles.forEach(r -> out.addAll(r.actions()));
      return out;
    }
  }

  /** The roles {@code principalId} holds at {@code scope} or any of its ancestors. */
  public static Permissions actionsOf(ResourceStore store, String principalId, ResourceId scope) {
    List<RoleDefinition> roles = new ArrayList<>();
    for (StoredResource a : store.list(ResourceQuery.ofType(ResourceTypes.ROLE_ASSIGNMENTS.key()))) {
      var p = a.body().path("properties");
      boolean applies = a.id().parent().map(at -> at.contains(scope)).orElse(false);
      if (applies && p.path("principalId").asText().equalsIgnoreCase(principalId)) {
        RoleDefinitionProvider.resolve(p.path("roleDefinitionId").asText())
            .filter(r -> !roles.contains(r)).ifPresent(roles::add);
      }
    }
    return new Permissions(roles);
  }

  /**
   * ARM's RBAC check: the principal must hold, at the action's scope or above, a role allowing
   * the action.
   *
   * @param client how ARM names the caller: its application (client) id
   * @throws ArmException 403 {@code AuthorizationFailed} in ARM's words otherwise
   */
  public static void require(ResourceStore store, String principalId, String client,
      RequiredAction needed) {
    if (!actionsOf(store, principalId, ResourceId.parse(needed.scope())).allows(needed.action())) {
      throw ArmException.of(ArmErrorCode.AUTHORIZATION_FAILED, "The client '" + client
          + "' with object id '" + principalId + "' does not have authorization to perform action '"
          + needed.action() + "' over scope '" + needed.scope() + "' or the scope is invalid. If "
          + "access was recently granted, please refresh your credentials.");
    }
  }

  /** True when the principal may pull from the registry. */
  public static boolean canPull(ResourceStore store, String principalId, ResourceId registryId) {
    return actionsOf(store, principalId, registryId).allows(PULL);
  }

  /** True when the principal may push to the registry. */
  public static boolean canPush(ResourceStore store, String principalId, ResourceId registryId) {
    return actionsOf(store, principalId, registryId).allows(PUSH);
  }
}
