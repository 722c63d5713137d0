package dev.isla.launcher.adapt;

import dev.isla.controlplane.rp.managedidentity.Identities;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.fabric.Fabric;
import dev.isla.fabric.Origin;
import dev.isla.identity.login.LoginService;
import dev.isla.identity.login.LoginSettings;
import dev.isla.identity.login.ManagedIdentityEndpoints;
import dev.isla.identity.principal.ManagedIdentity;
import dev.isla.identity.principal.PrincipalDirectory;
import dev.isla.identity.principal.ServicePrincipal;
import dev.isla.identity.token.TokenIssuer;
import io.helidon.webserver.WebServer;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The Instance Metadata Service every node reaches at {@code 169.254.169.254:80}: one loopback
 * listener serving the identity module's {@link ManagedIdentityEndpoints}, where each request
 * sees only the asking node's identity — the kubelet identity it booted with. The node is found
 * by asking the fabric where the connection comes from ({@link Fabric#origin}); a connection
 * the fabric does not know (the host, a closed node connection) sees no identity at all, as a
 * machine outside Azure gets no IMDS token.
 */
public final class NodeImds implements AutoCloseable {

  /** The identity of the node whose request this thread serves (Helidon runs a request's
   *  filters and handler on one virtual thread). */
  private static final ThreadLocal<Optional<ManagedIdentity>> ASKING = ThreadLocal
      .withInitial(Optional::empty);

  private final WebServer server;
  private final String host;

  /**
   * @param kubeletOf the kubelet identity's client id of a node, by its fabric node id
   */
  public NodeImds(Fabric fabric, ResourceStore store,
      java.util.function.Function<String, Optional<String>> kubeletOf, TokenIssuer issuer,
      String host) {
    this.host = host;
    LoginSettings settings = LoginSettings.of(java.util.List.of(), Optional.empty());
    LoginService login = new LoginService(new AskingNode(), issuer, settings);
    this.server = WebServer.builder().host(host).port(0).routing(r -> r
        .addFilter((chain, req, res) -> {
          ASKING.set(req.remotePeer().address() instanceof InetSocketAddress peer
              ? fabric.origin(peer).flatMap(Origin::nodeId).flatMap(kubeletOf)
              .flatMap(clientId -> Identities.byClientId(store, clientId))
              .map(StorePrincipalDirectory::toManagedIdentity)
              : Optional.empty());
          try {
            chain.proceed();
          } finally {
            ASKING.remove();
          }
        })
        .register(new ManagedIdentityEndpoints(login, settings))).build().start();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(host, server.port());
  }

  /** A directory holding only the asking node's identity. */
  private static final class AskingNode implements PrincipalDirectory {

    @Override
    public Optional<ServicePrincipal> servicePrincipal(String clientId) {
      return Optional.empty();
    }

    @Override
    public Optional<ManagedIdentity> managedIdentity(IdentitySelector selector) {
      return ASKING.get().filter(i -> switch (selector) {
        case IdentitySelector.Default d -> true;
        case IdentitySelector.ByClientId c -> c.clientId().equalsIgnoreCase(i.clientId());
        case IdentitySelector.ByObjectId o -> o.objectId().equalsIgnoreCase(i.principalId());
        case IdentitySelector.ByResourceId r -> i.resourceId()
            .map(id -> id.equalsIgnoreCase(r.resourceId())).orElse(false);
      });
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
