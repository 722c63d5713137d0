package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CliException;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.ArmClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code az role assignment create/list/delete} and {@code az role definition list}
 * (research/aks-isolation.md §4.8). A role given by name is resolved with
 * {@code roleDefinitions?$filter=roleName eq '...'} at the scope; assignments are named with a
 * fresh uuid4.
 */
public final class RoleCommand {

  private static final Pattern GUID =
      Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String ASSIGNMENTS_API = ResourceTypes.ROLE_ASSIGNMENTS.newestApiVersion();
  private static final String DEFINITIONS_API = ResourceTypes.ROLE_DEFINITIONS.newestApiVersion();
  private static final String PROVIDER = "/providers/Microsoft.Authorization/";

  private RoleCommand() {}

  public static List<CommandDef> commands() {
    Arg scope = Arg.value("--scope").help("Scope at which the role assignment or definition "
        + "applies to.");
    Arg group = Arg.value("--resource-group", "-g").help("Use it only if the role or assignment "
        + "was added at the level of a resource group.");
    return List.of(
        CommandDef.of("role assignment create", "Create a new role assignment.",
            RoleCommand::create, Arg.value("--role").asRequired().help("Role name or id."), scope,
            group, Arg.value("--assignee-object-id").help("Use this parameter instead of "
                + "'--assignee' to bypass Graph API invocation."),
            Arg.value("--assignee").help("Represent a user, group, or service principal."),
            Arg.value("--assignee-principal-type").choices("User", "Group", "ServicePrincipal",
                "ForeignGroup", "Device").help("Use with --assignee-object-id."),
            Arg.value("--description").help("Description of role assignment.")),
        CommandDef.of("role assignment list", "List role assignments.",
            inv -> Optional.of(list(inv)), scope, group,
            Arg.value("--assignee").help("Represent a user, group, or service principal."),
            Arg.value("--role").help("Role name or id."),
            Arg.flag("--include-inherited").help("Include assignments applied on parent "
                + "scopes."),
            Arg.flag("--all").help("Show all assignments under the current subscription.")),
        CommandDef.of("role assignment delete", "Delete role assignments.", RoleCommand::delete,
            scope, group, Arg.list("--ids").help("Space-separated role assignment ids."),
            Arg.value("--assignee").help("Represent a user, group, or service principal."),
            Arg.value("--role").help("Role name or id."),
            Arg.flag("--yes", "-y").help("Do not prompt for confirmation.")),
        CommandDef.of("role definition list", "List role definitions.", RoleCommand::definitions,
            Arg.value("--name", "-n").help("A role's name or id."), scope, group,
            Arg.flag("--custom-role-only").help("Custom roles only.")));
  }

  private static String scopeOf(Invocation inv) {
    return inv.value("--scope").orElseGet(() -> "/subscriptions/" + inv.subscriptionId()
        + inv.value("--resource-group").map(g -> "/resourceGroups/" + g).orElse(""));
  }

  /** The full id of a role given by name, GUID or id, as az resolves it. */
  public static String roleDefinitionId(Invocation inv, String scope, String role) {
    if (role.startsWith("/")) {
      return role;
    }
    if (GUID.matcher(role).matches()) {
      return "/subscriptions/" + inv.subscriptionId() + PROVIDER + "roleDefinitions/" + role;
    }
    String path = ArmClient.withApiVersion(scope + PROVIDER + "roleDefinitions", DEFINITIONS_API)
        + "&$filter=" + ArmClient.encode("roleName eq '" + role + "'");
    ArrayNode found = ResourceRef.listAll(inv.arm(), path);
    if (found.isEmpty()) {
      throw new CliException("Role '" + role + "' doesn't exist.");
    }
    if (found.size() > 1) {
      StringBuilder ids = new StringBuilder();
      found.forEach(d -> ids.append(ids.isEmpty() ? "" : ", ").append(d.path("id").asText()));
      throw new CliException("More than one role matches the given name '" + role
          + "'. Please pick an id from '[" + ids + "]'");
    }
    return found.get(0).path("id").asText();
  }

  private static Optional<JsonNode> create(Invocation inv) {
    String principal = inv.value("--assignee-object-id").or(() -> inv.value("--assignee"))
        .orElseThrow(() -> new CliException("usage error: --assignee STRING | "
            + "--assignee-object-id GUID", 2));
    String scope = scopeOf(inv);
    return Optional.of(assign(inv, scope, roleDefinitionId(inv, scope, inv.required("--role")),
        principal, inv.value("--assignee-principal-type"), inv.value("--description")));
  }

  /** PUTs a new assignment {@code {scope}/providers/Microsoft.Authorization/roleAssignments/{uuid}}. */
  public static JsonNode assign(Invocation inv, String scope, String roleDefinitionId,
      String principalId, Optional<String> principalType, Optional<String> description) {
    ObjectNode props = Json.object();
    props.put("roleDefinitionId", roleDefinitionId);
    props.put("principalId", principalId);
    principalType.ifPresent(t -> props.put("principalType", t));
    description.ifPresent(d -> props.put("description", d));
    String path = ArmClient.withApiVersion(scope + PROVIDER + "roleAssignments/"
        + UUID.randomUUID(), ASSIGNMENTS_API);
    return ArmClient.bodyOf(inv.arm().send("PUT", path,
        Optional.of(Json.object().set("properties", props)))).orElse(Json.object());
  }

  /** The assignments at (and, as ARM answers {@code atScope()}, above) a scope. */
  public static ArrayNode assignmentsAt(Invocation inv, String scope) {
    return ResourceRef.listAll(inv.arm(), ArmClient.withApiVersion(scope + PROVIDER
        + "roleAssignments", ASSIGNMENTS_API) + "&$filter=" + ArmClient.encode("atScope()"));
  }

  private static ArrayNode list(Invocation inv) {
    String scope = scopeOf(inv);
    Optional<String> role = inv.value("--role").map(r -> roleDefinitionId(inv, scope, r));
    ArrayNode result = Json.array();
    for (JsonNode a : assignmentsAt(inv, scope)) {
      JsonNode p = a.path("properties");
      boolean assignee = inv.value("--assignee")
          .map(x -> x.equalsIgnoreCase(p.path("principalId").asText())).orElse(true);
      boolean matchesRole = role.map(r -> r.equalsIgnoreCase(p.path("roleDefinitionId").asText()))
          .orElse(true);
      // ARM's atScope() also answers the assignments above the scope; az keeps them only with
      // --include-inherited.
      boolean inScope = inv.flag("--include-inherited") || inv.flag("--all")
          || scope.equalsIgnoreCase(p.path("scope").asText());
      if (assignee && matchesRole && inScope) {
        result.add(a);
      }
    }
    return result;
  }

  private static Optional<JsonNode> delete(Invocation inv) {
    List<String> ids = inv.has("--ids") ? inv.values("--ids")
        : list(inv).findValuesAsText("id").stream().filter(id -> id.contains("roleAssignments/"))
            .toList();
    for (String id : ids) {
      inv.arm().send("DELETE", ArmClient.withApiVersion(id, ASSIGNMENTS_API), Optional.empty());
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> definitions(Invocation inv) {
    String scope = scopeOf(inv);
    String path = ArmClient.withApiVersion(scope + PROVIDER + "roleDefinitions", DEFINITIONS_API);
    if (inv.has("--name")) {
      path += "&$filter=" + ArmClient.encode("roleName eq '" + inv.required("--name") + "'");
    }
    return Optional.of(ResourceRef.listAll(inv.arm(), path));
  }
}
