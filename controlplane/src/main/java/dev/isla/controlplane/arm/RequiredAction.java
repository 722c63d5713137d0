package dev.isla.controlplane.arm;

import dev.isla.arm.ArmPath;
import dev.isla.arm.ResourceId;
import java.util.Locale;
import java.util.Optional;

/**
 * The Azure RBAC operation an ARM request performs and the scope it performs it over, as ARM
 * names them in {@code AuthorizationFailed}: {@code GET} of a resource or collection is
 * {@code <type>/read}, {@code PUT}/{@code PATCH} {@code <type>/write}, {@code DELETE}
 * {@code <type>/delete}, a {@code POST} action {@code <type>/<action>/action} (e.g.
 * {@code Microsoft.ContainerRegistry/registries/listCredentials/action}); resource groups are
 * {@code Microsoft.Resources/subscriptions/resourceGroups/…}. Paths outside a subscription (the
 * tenant and subscription lists, cloud metadata) need no action, nor does the generic
 * {@code resources} listing: Azure answers it with the resources the caller may read (how
 * {@code az acr login} finds a registry it holds a role on), which Isla does not filter yet
 * (docs/DEVIATIONS.md).
 *
 * @param action e.g. {@code Microsoft.ContainerRegistry/registries/read}
 * @param scope the resource id the action is performed over (a collection's parent)
 */
public record RequiredAction(String action, String scope) {

  /** What {@code method} on {@code path} (no query string) needs; empty when nothing. */
  public static Optional<RequiredAction> of(String method, String path) {
    ArmPath parsed;
    try {
      parsed = ArmPath.parse(path);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (parsed.kind() == ArmPath.Kind.RESOURCES) {
      return Optional.empty();
    }
    String verb = verb(method);
    ResourceId at = parsed.id().orElseThrow();
    String scope = at.toString();
    return Optional.of(switch (parsed.kind()) {
      case SUBSCRIPTION -> new RequiredAction("Microsoft.Resources/subscriptions/" + verb, scope);
      case RESOURCE_GROUPS -> new RequiredAction(
          "Microsoft.Resources/subscriptions/resourceGroups/read", scope);
      case RESOURCES -> throw new IllegalStateException("answered above");
      case PROVIDERS, PROVIDER -> new RequiredAction(
          "Microsoft.Resources/subscriptions/providers/read", scope);
      case PROVIDER_ACTION -> new RequiredAction(
          parsed.namespace().orElseThrow() + "/" + parsed.action().orElseThrow() + "/action", scope);
      case COLLECTION -> new RequiredAction(typeOf(parsed.collectionType().orElseThrow()) + "/read", scope);
      case RESOURCE -> new RequiredAction(typeOf(at.typeName()) + "/" + verb, scope);
      case ACTION -> new RequiredAction(typeOf(at.typeName()) + "/"
          + parsed.action().orElseThrow() + "/action", scope);
    });
  }

  private static String verb(String method) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "PUT", "PATCH", "POST" -> "write";
      case "DELETE" -> "delete";
      default -> "read";
    };
  }

  /** RBAC spells resource groups under subscriptions. */
  private static String typeOf(String typeName) {
    return typeName.equalsIgnoreCase("Microsoft.Resources/resourceGroups")
        ? "Microsoft.Resources/subscriptions/resourceGroups" : typeName;
  }
}
