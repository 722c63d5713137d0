package dev.isla.controlplane.store;

import dev.isla.arm.ResourceId;
import java.util.Locale;
import java.util.Optional;

/**
 * What to list. All present criteria must hold; an empty query lists everything.
 *
 * @param type lower-cased full type name, e.g. {@code microsoft.network/virtualnetworks}
 * @param parent only direct children of this resource (child resources, or resources whose
 *     enclosing scope is this resource group / subscription)
 * @param under only this resource and those whose id lies below it (any depth, extension
 *     resources too)
 */
public record ResourceQuery(Optional<String> type, Optional<ResourceId> parent, Optional<ResourceId> under) {

  public ResourceQuery {
    type = type.map(t -> t.toLowerCase(Locale.ROOT));
  }

  public static ResourceQuery all() {
    return new ResourceQuery(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static ResourceQuery ofType(String type) {
    return new ResourceQuery(Optional.of(type), Optional.empty(), Optional.empty());
  }

  public ResourceQuery withParent(ResourceId newParent) {
    return new ResourceQuery(type, Optional.of(newParent), under);
  }

  public ResourceQuery withUnder(ResourceId newUnder) {
    return new ResourceQuery(type, parent, Optional.of(newUnder));
  }

  /**
   * Whether a resource with this id and type is selected: its type equals {@link #type}, its
   * {@link ResourceId#parent()} equals {@link #parent}, and {@link #under} {@link
   * ResourceId#contains contains} it (the resource {@code under} names is included itself).
   */
  public boolean matches(ResourceId id, String resourceType) {
    return type.map(t -> t.equals(resourceType.toLowerCase(Locale.ROOT))).orElse(true)
        && parent.map(p -> id.parent().map(p::equals).orElse(false)).orElse(true)
        && under.map(u -> u.contains(id)).orElse(true);
  }
}
