package dev.isla.controlplane.rp.authorization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft.Authorization/roleDefinitions: the built-in roles ({@link BuiltInRoles}), readable at
 * any scope and never stored. A GET by id or a list at any scope answers with the
 * subscription-level id, as ARM does; lists understand {@code $filter=roleName eq '…'} (exact,
 * case-insensitive — how az resolves {@code --role AcrPull}) and {@code $filter=type eq '…'}.
 * Custom roles are not supported: PUT and DELETE are refused.
 */
public final class RoleDefinitionProvider implements ResourceProvider, Arm.VirtualResources {

  private static final Pattern FILTER =
      Pattern.compile("\\s*(roleName|type)\\s+eq\\s+'([^']*)'\\s*", Pattern.CASE_INSENSITIVE);

  private final Arm arm;

  public RoleDefinitionProvider(Arm arm) {
    this.arm = arm;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.ROLE_DEFINITIONS;
  }

  @Override
  public ObjectNode defaultBody(ResourceId id) {
    return BuiltInRoles.byId(id.name())
        .orElseThrow(() -> ArmException.of(ArmErrorCode.ROLE_DEFINITION_NOT_FOUND, id.name()))
        .toJson(arm.settings().subscriptionId());
  }

  @Override
  public Mutation put(ResourceRequest request) {
    throw ArmException.of(ArmErrorCode.CUSTOM_ROLES_NOT_SUPPORTED, BuiltInRoles.names());
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    throw ArmException.of(ArmErrorCode.CUSTOM_ROLES_NOT_SUPPORTED, BuiltInRoles.names());
  }

  @Override
  public List<StoredResource> list(ResourceStore store, ResourceId parent, Map<String, String> query) {
    Predicate<RoleDefinition> filter = filter(query.getOrDefault("$filter", ""));
    Instant now = arm.clock().instant();
    String subscription = arm.settings().subscriptionId();
    return BuiltInRoles.all().stream().filter(filter)
        .map(r -> new StoredResource(ResourceId.parse(r.idIn(subscription)), type().key(),
            r.toJson(subscription), "", now, now))
        .toList();
  }

  private static Predicate<RoleDefinition> filter(String text) {
    if (text.isBlank()) {
      return r -> true;
    }
    Matcher m = FILTER.matcher(text);
    if (!m.matches()) {
      throw ArmException.of(ArmErrorCode.INVALID_FILTER, text,
          "Supported filters are roleName eq '{name}' and type eq 'BuiltInRole|CustomRole'.");
    }
    String value = m.group(2);
    if (m.group(1).equalsIgnoreCase("roleName")) {
      return r -> r.roleName().equalsIgnoreCase(value);
    }
    return r -> value.equalsIgnoreCase("BuiltInRole");
  }

  /** The built-in role a {@code roleDefinitionId} (any scope prefix) names. */
  static Optional<RoleDefinition> resolve(String roleDefinitionId) {
    Matcher m = Pattern.compile("(?i)^(?:/.*)?/providers/Microsoft\\.Authorization/roleDefinitions/([^/]+)/?$")
        .matcher(roleDefinitionId);
    return m.matches() ? BuiltInRoles.byId(m.group(1)) : Optional.empty();
  }
}
