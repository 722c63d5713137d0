package dev.isla.arm;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of the resource-type table: everything routing, api-version checks and the CLI's URL
 * building need to know about a type.
 *
 * @param namespace provider namespace as ARM spells it, e.g. {@code Microsoft.Network}
 * @param typePath type path below the namespace, e.g. {@code virtualNetworks/subnets}
 * @param wireType the {@code type} property as the service prints it (AKS capitalises
 *     {@code ManagedClusters})
 * @param scope where instances live
 * @param location how {@code location} is treated
 * @param apiVersions known api-versions, newest first; the first one is what the CLI sends
 * @param errorFormat error body shape used by this provider
 */
public record ResourceType(
    String namespace,
    String typePath,
    String wireType,
    ScopeKind scope,
    LocationKind location,
    List<String> apiVersions,
    ErrorFormat errorFormat) {

  public ResourceType {
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(typePath);
    Objects.requireNonNull(wireType);
    Objects.requireNonNull(scope);
    Objects.requireNonNull(location);
    apiVersions = List.copyOf(apiVersions);
    if (apiVersions.isEmpty()) {
      throw new IllegalArgumentException("a resource type needs at least one api-version");
    }
    Objects.requireNonNull(errorFormat);
  }

  /** {@code Microsoft.Network/virtualNetworks/subnets}. */
  public String fullName() {
    return namespace + "/" + typePath;
  }

  /** Lower-cased {@link #fullName()}, the key used for lookups and storage. */
  public String key() {
    return fullName().toLowerCase(Locale.ROOT);
  }

  /** The newest api-version Isla knows for this type. */
  public String newestApiVersion() {
    return apiVersions.getFirst();
  }

  /** Type segments, e.g. {@code [virtualNetworks, subnets]}. */
  public List<String> segments() {
    return List.of(typePath.split("/"));
  }

  /** True for a child type such as {@code virtualNetworks/subnets}. */
  public boolean isChild() {
    return typePath.contains("/");
  }
}
