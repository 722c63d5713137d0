package dev.isla.controlplane.rp.authorization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A built-in Azure role: its id (a GUID) and permissions, as Azure publishes them
 * (research/aks-isolation.md §4.8; AzureBuiltInRoles docs).
 *
 * @param name the role definition id, a GUID, e.g. {@code 7f951dda-4ed3-4680-a7ca-43fe172d538d}
 * @param roleName e.g. {@code AcrPull}
 * @param description Azure's description of the role
 * @param actions control-plane actions granted, with {@code *} wildcards
 * @param notActions actions taken away from {@code actions}
 * @param dataActions data-plane actions granted
 * @param notDataActions data actions taken away
 * @param createdOn when Azure created the role
 * @param updatedOn when Azure last changed it
 */
public record RoleDefinition(String name, String roleName, String description, List<String> actions,
    List<String> notActions, List<String> dataActions, List<String> notDataActions,
    String createdOn, String updatedOn) {

  public static final String TYPE = "Microsoft.Authorization/roleDefinitions";

  public RoleDefinition {
    Objects.requireNonNull(name);
    Objects.requireNonNull(roleName);
    Objects.requireNonNull(description);
    actions = List.copyOf(actions);
    notActions = List.copyOf(notActions);
    dataActions = List.copyOf(dataActions);
    notDataActions = List.copyOf(notDataActions);
  }

  /** {@code /subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}}. */
  public String idIn(String subscriptionId) {
    return "/subscriptions/" + subscriptionId + "/providers/" + TYPE + "/" + name;
  }

  /** True when the role grants the control-plane {@code action} (case-insensitive, wildcards). */
  public boolean allows(String action) {
    return matchesAny(actions, action) && !matchesAny(notActions, action);
  }

  /** True when the role grants the data-plane {@code dataAction}. */
  public boolean allowsData(String dataAction) {
    return matchesAny(dataActions, dataAction) && !matchesAny(notDataActions, dataAction);
  }

  private static boolean matchesAny(List<String> patterns, String action) {
    String a = action.toLowerCase(Locale.ROOT);
    return patterns.stream().anyMatch(p -> a.matches(
        java.util.regex.Pattern.quote(p.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")));
  }

  /** The wire body, as {@code GET roleDefinitions} shows it in {@code subscriptionId}. */
  public ObjectNode toJson(String subscriptionId) {
    ObjectNode out = Json.object();
    out.put("id", idIn(subscriptionId));
    out.put("name", name);
    out.put("type", TYPE);
    ObjectNode p = out.putObject("properties");
    p.put("roleName", roleName);
    p.put("type", "BuiltInRole");
    p.put("description", description);
    p.putArray("assignableScopes").add("/");
    ObjectNode permission = p.putArray("permissions").addObject();
    permission.set("actions", array(actions));
    permission.set("notActions", array(notActions));
    permission.set("dataActions", array(dataActions));
    permission.set("notDataActions", array(notDataActions));
    p.put("createdOn", createdOn);
    p.put("updatedOn", updatedOn);
    p.putNull("createdBy");
    p.putNull("updatedBy");
    return out;
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode out = Json.array();
    values.forEach(out::add);
    return out;
  }
}
