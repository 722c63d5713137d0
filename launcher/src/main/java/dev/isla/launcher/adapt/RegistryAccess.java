package dev.isla.launcher.adapt;

import dev.isla.fabric.Fabric;
import dev.isla.fabric.Origin;
import dev.isla.fabric.route.Path;
import dev.isla.identity.acr.AcrAuthException;
import dev.isla.identity.acr.AcrScope;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.registry.api.RegistryErrorCode;
import dev.isla.registry.auth.AccessPolicy;
import dev.isla.registry.auth.AccessRequest;
import dev.isla.registry.auth.AccessRequest.Action;
import dev.isla.registry.catalog.RegistryInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Who may do what in a registry, as ACR decides it, for connections coming through the fabric:
 *
 * <ol>
 *   <li>Network: a node's connection to a registry whose {@code publicNetworkAccess} is
 *       {@code Disabled} must come through one of that registry's private endpoints, else 403
 *       {@code DENIED} naming the client and the path it took (ACR's firewall answer). A peer in
 *       the node range the fabric doesn't know is denied too.
 *   <li>Anonymous pull: pulls, {@code /v2/} and the catalog need no token when the registry
 *       enables it (so AgentBaker's anonymous {@code oras repo ls} probe succeeds).
 *   <li>Otherwise a Bearer access token from this registry's {@code /oauth2/token} whose
 *       {@code access} covers the request; none or an invalid one ⇒ 401 with a challenge, one
 *       without the action ⇒ 401 too (Docker clients then ask for a token with that scope).
 * </ol>
 *
 * The firewall ({@link #networkRefusal}) covers the token endpoints too.
 *
 * <p>Connections from the host itself (not through the fabric: the person's {@code az acr
 * repository}, skopeo, docker) are the cloud's operator, who owns the subscription while ARM has
 * no authentication: they pass (docs/DEVIATIONS.md).
 */
public final class RegistryAccess implements AccessPolicy {

  private final Fabric fabric;
  private final AcrTokenService tokens;

  public RegistryAccess(Fabric fabric, AcrTokenService tokens) {
    this.fabric = fabric;
    this.tokens = tokens;
  }

  @Override
  public Decision decide(AccessRequest request) {
    Optional<Origin> origin = fabric.origin(request.remotePeer());
    if (origin.isEmpty()) {
      throw RegistryErrorCode.DENIED.exception("client with IP '"
          + request.remotePeer().getAddress().getHostAddress() + "' is not a connection Isla's "
          + "network knows (closed or expired); refused");
    }
    if (origin.get().nodeId().isEmpty()) {
      return Decision.ALLOW;
    }
    requireNetworkPath(request, origin.get());
    boolean pullOnly = request.action() == Action.PULL || request.action() == Action.PING
        || request.action() == Action.CATALOG;
    if (pullOnly && request.registry().anonymousPullEnabled()) {
      return Decision.ALLOW;
    }
    return tokenDecision(request);
  }

  private void requireNetworkPath(AccessRequest request, Origin origin) {
    Optional<String> refusal = networkRefusal(request.registry(), origin);
    if (refusal.isPresent()) {
      throw RegistryErrorCode.DENIED.exception(refusal.get());
    }
  }

  /**
   * Why ACR's firewall refuses a connection from {@code peer} to {@code registry}, if it does: a
   * peer the fabric doesn't know, or a node's connection to a registry whose
   * {@code publicNetworkAccess} is {@code Disabled} that did not come through one of its private
   * endpoints. The token endpoints ask this too: the firewall covers the whole login server.
   */
  public Optional<String> networkRefusal(RegistryInfo registry, InetSocketAddress peer) {
    Optional<Origin> origin = fabric.origin(peer);
    if (origin.isEmpty()) {
      return Optional.of("client with IP '" + peer.getAddress().getHostAddress() + "' is not a "
          + "connection Isla's network knows (closed or expired); refused");
    }
    return origin.get().nodeId().isEmpty() ? Optional.empty() : networkRefusal(registry, origin.get());
  }

  private static Optional<String> networkRefusal(RegistryInfo registry, Origin origin) {
    if (registry.publicNetworkAccessEnabled()) {
      return Optional.empty();
    }
    boolean own = origin.path() instanceof Path.PrivateEndpoint pe
        && pe.privateLinkServiceId().name().equalsIgnoreCase(registry.name());
    if (own) {
      return Optional.empty();
    }
    return Optional.of("client with IP '"
        + origin.source().map(Object::toString).orElse("?") + "' (node "
        + origin.nodeId().map(n -> n.substring(n.lastIndexOf('/') + 1)).orElse("?")
        + ") is not allowed access: publicNetworkAccess of " + registry.loginServer()
        + " is Disabled and the connection came over " + describe(origin.path())
        + ", not one of its private endpoints. Refer https://aka.ms/acr/firewall to grant "
        + "access.");
  }

  private static String describe(Path path) {
    return switch (path) {
      case Path.Public p -> "the public internet";
      case Path.PrivateEndpoint pe -> "private endpoint " + pe.privateEndpointId().name()
          + " of another resource";
      case Path.VNet v -> "the VNet";
      case Path.Platform p -> "a platform address";
    };
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
