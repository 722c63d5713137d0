package dev.isla.registry.auth;

import dev.isla.registry.catalog.RegistryInfo;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a request wants: the registry, the repository (absent for {@code /v2/} and the
 * catalog), the action, the credentials presented and where the connection comes from.
 *
 * @param remotePeer the connection's peer (address and port), so that a policy can ask the
 *     network fabric where it really comes from
 */
public record AccessRequest(RegistryInfo registry, Optional<String> repository, Action action,
    Optional<String> authorization, InetSocketAddress remotePeer) {

  /** Registry actions, as ACR's token scopes name them. */
  public enum Action { PULL, PUSH, DELETE, CATALOG, PING }

  /**
   * The token scope this request needs, as a Bearer challenge names it:
   * {@code repository:<name>:pull}, {@code repository:<name>:pull,push},
   * {@code repository:<name>:delete}, {@code registry:catalog:*}; empty for {@code /v2/}.
   */
  public Optional<String> scope() {
    return switch (action) {
      case PING -> Optional.empty();
      case CATALOG -> Optional.of("registry:catalog:*");
      case PULL -> repository.map(r -> "repository:" + r + ":pull");
      case PUSH -> repository.map(r -> "repository:" + r + ":pull,push");
      case DELETE -> repository.map(r -> "repository:" + r + ":delete");
    };
  }
}
