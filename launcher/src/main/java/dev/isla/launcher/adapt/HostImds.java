package dev.isla.launcher.adapt;

import dev.isla.controlplane.store.ResourceStore;
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
 * The host's managed-identity endpoint, so that tools on the machine running Isla log in as a
 * managed identity ({@code az login --identity}) as they would on an Azure VM: one loopback
 * listener serving the identity module's {@link ManagedIdentityEndpoints} — IMDS-shaped
 * {@code GET}, and the {@code POST} az 2.45 sends to {@code MSI_ENDPOINT}
 * ({@code <url>}{@link ManagedIdentityEndpoints#IMDS_PATH}). The host's identities are:
 * <ul>
 *   <li>its system-assigned identity (no selector, or selected by its client or object id):
 *       the data folder's built-in principal, Owner of the subscription — the machine's own
 *       identity, as the loopback HTTP ARM listener acts as it too;
 *   <li>every user-assigned identity of the control plane, by client id, object id or resource
 *       id, read from the store at each request (a deleted identity gets no more tokens).
 * </ul>
 * Like IMDS on a VM, anything on the machine may ask: the endpoint listens on loopback only.
 */
public final class HostImds implements AutoCloseable {

  private final WebServer server;
  private final String host;

  /**
   * @param system the host's system-assigned identity
   * @param settings the resources tokens may be issued for (ARM's own URLs among them)
   */
  public HostImds(ResourceStore store, ManagedIdentity system, TokenIssuer issuer,
      LoginSettings settings, String host) {
    this.host = host;
    LoginService login = new LoginService(new HostIdentities(store, system), issuer, settings);
    this.server = WebServer.builder().host(host).port(0)
        .routing(r -> r.register(new ManagedIdentityEndpoints(login, settings))).build().start();
  }

  /** The listener, {@code 127.0.0.1:PORT}. */
  public InetSocketAddress address() {
    return new InetSocketAddress(host, server.port());
  }

  /** What to export as {@code MSI_ENDPOINT}: the full token URL. */
  public String msiEndpoint() {
    return "http://" + host + ":" + server.port() + ManagedIdentityEndpoints.IMDS_PATH;
  }

  /** The system-assigned identity first, then the store's user-assigned identities. */
  static final class HostIdentities implements PrincipalDirectory {

    private final StorePrincipalDirectory userAssigned;
    private final ManagedIdentity system;

    HostIdentities(ResourceStore store, ManagedIdentity system) {
      this.userAssigned = new StorePrincipalDirectory(store);
      this.system = system;
    }

    @Override
    public Optional<ServicePrincipal> servicePrincipal(String clientId) {
      return Optional.empty();
    }

    @Override
    public Optional<ManagedIdentity> managedIdentity(IdentitySelector selector) {
      boolean isSystem = switch (selector) {
        case IdentitySelector.Default d -> true;
        case IdentitySelector.ByClientId c -> c.clientId().equalsIgnoreCase(system.clientId());
        case IdentitySelector.ByObjectId o -> o.objectId().equalsIgnoreCase(system.principalId());
        case IdentitySelector.ByResourceId r -> false;
      };
      return isSystem ? Optional.of(system) : userAssigned.managedIdentity(selector);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
