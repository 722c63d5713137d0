package dev.isla.launcher.adapt;

import dev.isla.fabric.Fabric;
import dev.isla.fabric.Origin;
import dev.isla.fabric.route.Path;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.registry.api.RegistryErrorCode;
import dev.isla.registry.auth.AccessPolicy;
import dev.isla.registry.auth.AccessRequest;
import dev.isla.registry.catalog.RegistryInfo;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may do what in a registry, as ACR decides it, for connections coming through the fabric:
 *
 * <ol>
 *   <li>Network: a node's connection to a registry whose {@code publicNetworkAccess} is
 *       {@code Disabled} must come through one of that registry's private endpoints, else 403
 *       {@code DENIED} naming the client and the path it took (ACR's firewall answer). A peer in
 *       the node range the fabric doesn't know is denied too.
 *   <li>Then ACR's credentials rules, {@link AcrTokenAccess}: anonymous pull, else a Bearer
 *       access token covering the request.
 * </ol>
 *
 * Host tools that come through the host's proxy ({@code HTTPS_PROXY}, the way real clients reach
 * {@code <name>.azurecr.io}) are clients on the public internet: public network access must be
 * enabled and their token must cover the request. Other connections from the host itself
 * (straight to the loopback listeners: the project's {@code az acr repository}, skopeo,
 * containerd) are the cloud's operator: they pass (docs/DEVIATIONS.md). The firewall
 * ({@link #networkRefusal}) covers the token endpoints too.
 */
public final class RegistryAccess implements AccessPolicy {

  private final Fabric fabric;
  private final AcrTokenAccess tokens;
  private final Predicate<InetSocketAddress> viaHostProxy;

  public RegistryAccess(Fabric fabric, AcrTokenService tokens) {
    this(fabric, tokens, peer -> false);
  }

  /**
   * @param viaHostProxy whether a peer is a tunnel of the host's proxy (a host tool that came
   *     the internet's way, {@code HTTPS_PROXY} to {@code <name>.azurecr.io})
   */
  public RegistryAccess(Fabric fabric, AcrTokenService tokens, Predicate<InetSocketAddress> viaHostProxy) {
    this.fabric = fabric;
    this.tokens = new AcrTokenAccess(tokens);
    this.viaHostProxy = viaHostProxy;
  }

  @Override
  public Decision decide(AccessRequest request) {
    if (viaHostProxy.test(request.remotePeer())) {
      throwingRefusal(internetRefusal(request.registry(), request.remotePeer()));
      return tokens.decide(request);
    }
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
    return tokens.decide(request);
  }

  private void requireNetworkPath(AccessRequest request, Origin origin) {
    throwingRefusal(networkRefusal(request.registry(), origin));
  }

  private static void throwingRefusal(Optional<String> refusal) {
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
    if (viaHostProxy.test(peer)) {
      return internetRefusal(registry, peer);
    }
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

  /**
   * A host tool through the proxy is a client on the public internet, as it would be in Azure:
   * refused by a registry whose public network access is disabled (else held to ACR's credential
   * rules: the token it presents must cover the request).
   */
  private static Optional<String> internetRefusal(RegistryInfo registry, InetSocketAddress peer) {
    if (registry.publicNetworkAccessEnabled()) {
      return Optional.empty();
    }
    return Optional.of("client with IP '" + peer.getAddress().getHostAddress() + "' (the host, "
        + "through Isla's proxy) is not allowed access: publicNetworkAccess of "
        + registry.loginServer() + " is Disabled and the connection came over the public "
        + "internet. Refer https://aka.ms/acr/firewall to grant access.");
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

}
