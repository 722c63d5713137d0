package dev.isla.registry.storage;

import dev.isla.registry.oci.RepositoryName;

/** A repository of one registry: the registry's storage key and the repository name. */
public record RepositoryId(String registry, RepositoryName name) {

  public RepositoryId {
    if (!registry.matches("[a-z0-9]{1,50}")) {
      throw new IllegalArgumentException("invalid registry key: " + registry);
    }
  }

  /** The metadata folder of this repository ({@code /} in names becomes {@code +}). */
  String folder() {
    return "r/" + registry + "/repos/" + name.value().replace('/', '+');
  }

  @Override
  public String toString() {
    return registry + "/" + name;
  }
}
