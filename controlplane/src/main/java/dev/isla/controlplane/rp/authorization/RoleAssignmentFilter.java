package dev.isla.controlplane.rp.authorization;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.store.StoredResource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} of a role-assignment list, clauses joined by {@code and}:
 * {@code atScope()} (only assignments at the scope and its ancestors), {@code principalId eq
 * '<guid>'} and {@code assignedTo('<guid>')} (assignments of that principal; Isla has no groups,
 * so both mean the same). Without {@code atScope()} a list at a scope also returns the
 * assignments below it, as ARM does.
 *
 * @param atScope only the scope and its ancestors
 * @param principalId only this principal's assignments
 */
record RoleAssignmentFilter(boolean atScope, Optional<String> principalId) {

  private static final Pattern PRINCIPAL =
      Pattern.compile("(?i)principalId\\s+eq\\s+'([^']*)'|assignedTo\\('([^']*)'\\)");

  static RoleAssignmentFilter parse(String text) {
    boolean atScope = false;
    Optional<String> principal = Optional.empty();
    if (text.isBlank()) {
      return new RoleAssignmentFilter(false, principal);
    }
    for (String clause : text.trim().split("(?i)\\s+and\\s+")) {
      Matcher m = PRINCIPAL.matcher(clause.trim());
      if (clause.trim().equalsIgnoreCase("atScope()")) {
        atScope = true;
      } else if (m.matches()) {
        principal = Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
      } else {
        throw ArmException.of(ArmErrorCode.INVALID_FILTER, text,
            "Supported filters are atScope(), principalId eq '{id}' and assignedTo('{id}'), joined by 'and'.");
      }
    }
    return new RoleAssignmentFilter(atScope, principal);
  }

  /** True when the assignment belongs in a list at {@code scope}. */
  boolean matches(ResourceId scope, StoredResource assignment) {
    ResourceId at = assignment.id().parent().orElseThrow();
    boolean related = at.contains(scope) || (!atScope && scope.contains(at));
    return related && principalId
        .map(p -> p.equalsIgnoreCase(assignment.body().path("properties").path("principalId").asText()))
        .orElse(true);
  }
}
