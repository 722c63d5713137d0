package dev.isla.launcher.proxy;

import dev.isla.registry.catalog.RegistryCatalog;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.Optional;

/**
 * The proxy's targets: the registries of this Isla, by login server ({@code <name>.azurecr.io})
 * or data endpoint ({@code <name>.<region>.data.azurecr.io}), port 443 — all led to the
 * registry's TLS listener, which picks the registry by SNI and {@code Host}. Everything else is
 * refused, naming why: Isla's proxy is a way in to Isla, not to the internet.
 */
public final class RegistryTargets implements ProxyTargets {

  static final String SUFFIX = ".azurecr.io";

  private final RegistryCatalog catalog;
  private final Supplier<Optional<InetSocketAddress>> tlsListener;

  /**
   * @param catalog the registries, read at each request
   * @param tlsListener the registry TLS listener, when it runs
   */
  public RegistryTargets(RegistryCatalog catalog, Supplier<Optional<InetSocketAddress>> tlsListener) {
    this.catalog = catalog;
    this.tlsListener = tlsListener;
  }

  @Override
  public Decision resolve(String host, int port) {
    String name = host.toLowerCase(Locale.ROOT);
    if (!name.endsWith(SUFFIX)) {
      return new Decision.Refuse("Isla's proxy reaches only its registries (<name>" + SUFFIX
          + ":443); '" + host + "' is not one (reach local endpoints directly: NO_PROXY)");
    }
    if (port != 443) {
      return new Decision.Refuse("registries are served on port 443, not " + port);
    }
    if (catalog.findByHost(name).isEmpty()) {
      return new Decision.Refuse("no registry of this Isla is reached at '" + host
          + "' (az acr show -n NAME; the registry must have finished creating)");
    }
    return tlsListener.get().<Decision>map(Decision.Tunnel::new).orElseGet(() ->
        new Decision.Refuse("the registry's TLS listener is not running"));
  }
}
