package dev.isla.arm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request path below {@code /subscriptions/{s}} taken apart the way ARM routes it.
 *
 * <p>Kinds: a resource ({@code …/virtualNetworks/v}), a collection ({@code …/virtualNetworks}), an
 * action on a resource ({@code …/agentPools/p/upgradeNodeImageVersion}), a provider namespace
 * ({@code /subscriptions/s/providers/Microsoft.Network}) and its actions ({@code …/register}), the
 * subscription itself, the resource-group collection and the generic {@code resources} listing.
 * Segments are matched case-insensitively; type segments and namespaces Isla knows are returned
 * in their canonical spelling, names as written. Empty segments (double slashes) are ignored.
 *
 * @param kind what the path names
 * @param subscriptionId the subscription segment
 * @param id the resource (for {@link Kind#RESOURCE} and {@link Kind#ACTION}), the subscription
 *     or resource group for {@link Kind#RESOURCES}, or the parent for {@link Kind#COLLECTION}
 * @param namespace the provider namespace, when the path has one
 * @param collectionType for {@link Kind#COLLECTION}: the full type listed
 * @param action for {@link Kind#ACTION} and {@link Kind#PROVIDER_ACTION}: the last segment
 */
public record ArmPath(
    Kind kind,
    String subscriptionId,
    Optional<ResourceId> id,
    Optional<String> namespace,
    Optional<String> collectionType,
    Optional<String> action) {

  /** What a path names. */
  public enum Kind {
    SUBSCRIPTION,
    RESOURCE_GROUPS,
    RESOURCES,
    PROVIDERS,
    PROVIDER,
    PROVIDER_ACTION,
    COLLECTION,
    RESOURCE,
    ACTION
  }

  /**
   * Parses {@code path} (no query string).
   *
   * @throws IllegalArgumentException when the path is not an ARM path below a subscription
   */
  public static ArmPath parse(String path) {
    List<String> segs = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
    if (segs.size() < 2 || !segs.getFirst().equalsIgnoreCase("subscriptions")) {
      throw new IllegalArgumentException("'" + path + "' is not a valid Azure resource ID.");
    }
    String sub = segs.get(1);
    String scope = "/subscriptions/" + sub;
    int i = 2;
    if (i == segs.size()) {
      return new ArmPath(Kind.SUBSCRIPTION, sub, Optional.of(ResourceId.subscription(sub)),
          Optional.empty(), Optional.empty(), Optional.empty());
    }
    ResourceId scopeId = ResourceId.subscription(sub);
    if (segs.get(i).equalsIgnoreCase("resourceGroups")) {
      if (i + 1 == segs.size()) {
        return new ArmPath(Kind.RESOURCE_GROUPS, sub, Optional.of(scopeId), Optional.empty(),
            Optional.of(ResourceTypes.RESOURCE_GROUPS.fullName()), Optional.empty());
      }
      scopeId = ResourceId.resourceGroup(sub, segs.get(i + 1));
      scope = scopeId.toString();
      i += 2;
      if (i == segs.size()) {
        return resource(sub, scopeId);
      }
    }
    if (i + 1 == segs.size() && segs.get(i).equalsIgnoreCase("resources")) {
      return new ArmPath(Kind.RESOURCES, sub, Optional.of(scopeId), Optional.empty(),
          Optional.empty(), Optional.empty());
    }
    if (i + 1 == segs.size() && segs.get(i).equalsIgnoreCase("providers") && scopeId.isSubscription()) {
      return new ArmPath(Kind.PROVIDERS, sub, Optional.of(scopeId), Optional.empty(),
          Optional.empty(), Optional.empty());
    }
    return providerPart(sub, scope, scopeId, segs, i, path);
  }

  private static ArmPath providerPart(
      String sub, String scope, ResourceId scopeId, List<String> segs, int start, String path) {
    int i = start;
    while (true) {
      if (i + 1 >= segs.size() || !segs.get(i).equalsIgnoreCase("providers")) {
        throw new IllegalArgumentException("'" + path + "' is not a valid Azure resource ID.");
      }
      String ns = ResourceTypes.canonicalNamespace(segs.get(i + 1)).orElse(segs.get(i + 1));
      i += 2;
      List<String> types = new ArrayList<>();
      List<String> names = new ArrayList<>();
      if (i == segs.size()) {
        return new ArmPath(Kind.PROVIDER, sub, Optional.of(scopeId), Optional.of(ns),
            Optional.empty(), Optional.empty());
      }
      boolean extension = false;
      while (i < segs.size()) {
        String seg = segs.get(i);
        if (seg.equalsIgnoreCase("providers") && !types.isEmpty() && i + 1 < segs.size()) {
          scopeId = new ResourceId(scope, ns, canonical(ns, types), names);
          scope = scopeId.toString();
          extension = true;
          break;
        }
        if (i + 1 == segs.size()) {
          return trailing(sub, scope, scopeId, ns, types, names, seg);
        }
        types.add(seg);
        names.add(segs.get(i + 1));
        i += 2;
      }
      if (!extension) {
        return resource(sub, new ResourceId(scope, ns, canonical(ns, types), names));
      }
    }
  }

  private static ArmPath trailing(String sub, String scope, ResourceId scopeId, String ns,
      List<String> types, List<String> names, String last) {
    List<String> withLast = new ArrayList<>(types);
    withLast.add(last);
    Optional<ResourceType> collection = ResourceTypes.find(ns, withLast);
    if (collection.isPresent()) {
      Optional<ResourceId> parent =
          types.isEmpty() ? Optional.of(scopeId)
              : Optional.of(new ResourceId(scope, ns, canonical(ns, types), names));
      return new ArmPath(Kind.COLLECTION, sub, parent, Optional.of(ns),
          Optional.of(collection.get().fullName()), Optional.empty());
    }
    if (types.isEmpty()) {
      return new ArmPath(Kind.PROVIDER_ACTION, sub, Optional.of(scopeId), Optional.of(ns),
          Optional.empty(), Optional.of(last));
    }
    return new ArmPath(Kind.ACTION, sub,
        Optional.of(new ResourceId(scope, ns, canonical(ns, types), names)), Optional.of(ns),
        Optional.empty(), Optional.of(last));
  }

  private static ArmPath resource(String sub, ResourceId id) {
    return new ArmPath(Kind.RESOURCE, sub, Optional.of(id), Optional.of(id.namespace()),
        Optional.empty(), Optional.empty());
  }

  /** Type segments in the table's spelling where a prefix of them is a known type. */
  private static List<String> canonical(String ns, List<String> types) {
    List<String> out = new ArrayList<>(types);
    for (int n = types.size(); n > 0; n--) {
      Optional<ResourceType> known = ResourceTypes.find(ns, types.subList(0, n));
      if (known.isPresent()) {
        List<String> segments = known.get().segments();
        for (int k = 0; k < n; k++) {
          out.set(k, segments.get(k));
        }
        break;
      }
    }
    return out;
  }
}
