package dev.isla.registry.auth;

import dev.isla.registry.catalog.RegistryInfo;
import java.util.Optional;

/**
 * What a request wants: the registry, the repository (absent for {@code /v2/} and the
 * catalog), the action, the credentials presented and where the connection comes from.
 */
public record AccessRequest(RegistryInfo registry, Optional<String> repository, Action action,
    Optional<String> authorization, String remoteAddress) {

  /** Registry actions, as ACR's token scopes name them. */
  public enum Action { PULL, PUSH, DELETE, CATALOG, PING }
}
