package dev.isla.launcher.adapt;

import dev.isla.identity.acr.AcrAuthException;
import dev.isla.identity.acr.AcrScope;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.registry.auth.AccessPolicy;
import dev.isla.registry.auth.AccessRequest;
import dev.isla.registry.auth.AccessRequest.Action;
import java.util.List;
import java.util.Optional;

/**
 * ACR's credential rules, whatever the network path:
 *
 * <ol>
 *   <li>Anonymous pull: pulls, {@code /v2/} and the catalog need no token when the registry
 *       enables it (so AgentBaker's anonymous {@code oras repo ls} probe succeeds).
 *   <li>Otherwise a Bearer access token from this registry's {@code /oauth2/token} whose
 *       {@code access} covers the request (repository scopes name the repository as the
 *       registry knows it, also when a client selected the registry by path); none or an
 *       invalid one ⇒ 401 with a challenge, one without the action ⇒ 401 too (Docker clients
 *       then ask for a token with that scope).
 * </ol>
 * {@link RegistryAccess} applies them to nodes after its network checks.
 */
public final class AcrTokenAccess implements AccessPolicy {

  private final AcrTokenService tokens;

  public AcrTokenAccess(AcrTokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public Decision decide(AccessRequest request) {
    boolean pullOnly = request.action() == Action.PULL || request.action() == Action.PING
        || request.action() == Action.CATALOG;
    if (pullOnly && request.registry().anonymousPullEnabled()) {
      return Decision.ALLOW;
    }
    return tokenDecision(request);
  }

  private Decision tokenDecision(AccessRequest request) {
    Optional<String> bearer = request.authorization()
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim());
    if (bearer.isEmpty()) {
      return Decision.UNAUTHENTICATED;
    }
    List<AcrScope> granted;
    try {
      granted = tokens.verifyAccess(bearer.get(), request.registry().loginServer());
    } catch (AcrAuthException e) {
      return Decision.UNAUTHENTICATED;
    }
    if (request.action() == Action.PING) {
      return Decision.ALLOW;
    }
    return covers(granted, request) ? Decision.ALLOW : Decision.UNAUTHENTICATED;
  }

  private static boolean covers(List<AcrScope> granted, AccessRequest request) {
    if (request.action() == Action.CATALOG) {
      return granted.stream().anyMatch(s -> s.type().equals("registry")
          && s.name().equals("catalog") && s.actions().contains("*"));
    }
    String wanted = switch (request.action()) {
      case PUSH -> "push";
      case DELETE -> "delete";
      default -> "pull";
    };
    String repository = request.repository().orElse("");
    return granted.stream().anyMatch(s -> s.type().equals("repository")
        && (s.name().equals(repository) || s.name().equals("*"))
        && (s.actions().contains(wanted) || s.actions().contains("*")));
  }
}
