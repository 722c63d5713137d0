package dev.isla.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An ARM resource id, e.g.
 * {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/v/subnets/a}.
 *
 * <p>The id is a scope (a subscription, a resource group, or — for extension resources such as
 * role assignments — any other resource id) followed by {@code providers/{namespace}} and
 * alternating type/name segments. Resource groups and subscriptions themselves are represented
 * with the {@code Microsoft.Resources} namespace but print in their short ARM form. Comparisons
 * are case-insensitive through {@link #key()}; names keep the case they were created with.
 *
 * @param scope the scope the resource lives in: {@code ""} for a subscription,
 *     {@code /subscriptions/{s}} for a resource group or subscription-level resource,
 *     {@code /subscriptions/{s}/resourceGroups/{rg}} for ordinary resources, or any id
 * @param namespace provider namespace, e.g. {@code Microsoft.Network}
 * @param types type segments, e.g. {@code [virtualNetworks, subnets]}
 * @param names one name per type segment
 */
public record ResourceId(String scope, String namespace, List<String> types, List<String> names) {

  public ResourceId {
    Objects.requireNonNull(scope);
    Objects.requireNonNull(namespace);
    types = List.copyOf(types);
    names = List.copyOf(names);
    if (types.isEmpty() || types.size() != names.size()) {
      throw new IllegalArgumentException("a resource id needs one name per type segment");
    }
    for (String name : names) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("a resource name may not be empty");
      }
    }
  }

  /** {@code /subscriptions/{id}}. */
  public static ResourceId subscription(String subscriptionId) {
    return new ResourceId("", "Microsoft.Resources", List.of("subscriptions"),
        List.of(subscriptionId));
  }

  /** {@code /subscriptions/{s}/resourceGroups/{rg}}. */
  public static ResourceId resourceGroup(String subscriptionId, String resourceGroup) {
    return new ResourceId("/subscriptions/" + subscriptionId, "Microsoft.Resources",
        List.of("resourceGroups"), List.of(resourceGroup));
  }

  /** A resource in a resource group: {@code of(s, rg, "Microsoft.Network", "virtualNetworks", "v")}. */
  public static ResourceId of(String subscriptionId, String resourceGroup, String namespace,
      String... typeNamePairs) {
    if (typeNamePairs.length == 0 || typeNamePairs.length % 2 != 0) {
      throw new IllegalArgumentException("type/name pairs expected");
    }
    List<String> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < typeNamePairs.length; i += 2) {
      types.add(typeNamePairs[i]);
      names.add(typeNamePairs[i + 1]);
    }
    return new ResourceId("/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup,
        namespace, types, names);
  }

  /**
   * Parses a full resource id. Double slashes and a trailing slash are tolerated, as ARM does.
   *
   * @throws IllegalArgumentException with a message naming the problem when {@code text} is not a
   *     resource id (a collection, an action or a bare provider path is not one)
   */
  public static ResourceId parse(String text) {
    ArmPath path = ArmPath.parse(text);
    if (path.kind() != ArmPath.Kind.RESOURCE && path.kind() != ArmPath.Kind.SUBSCRIPTION) {
      throw new IllegalArgumentException("'" + text + "' is not a valid Azure resource ID.");
    }
    return path.id().orElseThrow();
  }

  /** True for {@code /subscriptions/{s}}. */
  public boolean isSubscription() {
    return scope.isEmpty() && isNamespace("Microsoft.Resources") && types.equals(List.of("subscriptions"));
  }

  /** True for {@code /subscriptions/{s}/resourceGroups/{rg}}. */
  public boolean isResourceGroup() {
    return isNamespace("Microsoft.Resources")
        && types.size() == 1
        && types.getFirst().equalsIgnoreCase("resourceGroups")
        && scope.chars().filter(c -> c == '/').count() == 2;
  }

  private boolean isNamespace(String ns) {
    return namespace.equalsIgnoreCase(ns);
  }

  /** The subscription id this resource belongs to. */
  public String subscriptionId() {
    if (isSubscription()) {
      return names.getFirst();
    }
    String[] parts = scope.split("/");
    return parts[2];
  }

  /** The resource group this resource (or, for an extension resource, its scope) lives in. */
  public Optional<String> resourceGroup() {
    if (isResourceGroup()) {
      return Optional.of(names.getFirst());
    }
    String[] parts = scope.split("/");
    if (parts.length >= 5 && parts[3].equalsIgnoreCase("resourceGroups")) {
      return Optional.of(parts[4]);
    }
    return Optional.empty();
  }

  /** The last name segment: {@code a} in {@code …/virtualNetworks/v/subnets/a}. */
  public String name() {
    return names.getLast();
  }

  /** {@code Microsoft.Network/virtualNetworks/subnets}. */
  public String typeName() {
    return namespace + "/" + String.join("/", types);
  }

  /** The declared type of this id, if Isla knows it. */
  public Optional<ResourceType> resourceType() {
    if (isResourceGroup()) {
      return Optional.of(ResourceTypes.RESOURCE_GROUPS);
    }
    if (isSubscription()) {
      return Optional.of(ResourceTypes.SUBSCRIPTIONS);
    }
    return ResourceTypes.find(namespace, types);
  }

  /**
   * The enclosing resource: a child's parent, a top-level resource's resource group, an extension
   * resource's scope, a resource group's subscription. Empty for a subscription.
   */
  public Optional<ResourceId> parent() {
    if (isSubscription()) {
      return Optional.empty();
    }
    if (types.size() > 1) {
      return Optional.of(new ResourceId(scope, namespace, types.subList(0, types.size() - 1),
          names.subList(0, names.size() - 1)));
    }
    return Optional.of(ResourceId.parse(scope));
  }

  /** A child of this resource: {@code vnet.child("subnets", "a")}. */
  public ResourceId child(String type, String name) {
    if (isResourceGroup() || isSubscription()) {
      throw new IllegalArgumentException("use ResourceId.of for resources in a resource group");
    }
    List<String> t = new ArrayList<>(types);
    t.add(type);
    List<String> n = new ArrayList<>(names);
    n.add(name);
    return new ResourceId(scope, namespace, t, n);
  }

  /** An extension resource attached to this one: {@code registry.extension("Microsoft.Authorization", "roleAssignments", g)}. */
  public ResourceId extension(String extensionNamespace, String type, String name) {
    return new ResourceId(toString(), extensionNamespace, List.of(type), List.of(name));
  }

  /** Case-insensitive identity, used as the storage key. */
  public String key() {
    return toString().toLowerCase(Locale.ROOT);
  }

  /** True when {@code other} is this id or lies below it (a child, or an extension on it). */
  public boolean contains(ResourceId other) {
    String mine = key();
    String theirs = other.key();
    return theirs.equals(mine) || theirs.startsWith(mine + "/");
  }

  @Override
  public String toString() {
    if (isSubscription()) {
      return "/subscriptions/" + names.getFirst();
    }
    if (isResourceGroup()) {
      return scope + "/resourceGroups/" + names.getFirst();
    }
    StringBuilder sb = new StringBuilder(scope).append("/providers/").append(namespace);
    for (int i = 0; i < types.size(); i++) {
      sb.append('/').append(types.get(i)).append('/').append(names.get(i));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceId other && key().equals(other.key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }
}
