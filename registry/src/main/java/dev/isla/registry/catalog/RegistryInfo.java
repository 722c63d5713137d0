package dev.isla.registry.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A registry as the data plane sees it: its name (unique, the storage namespace), login server
 * ({@code <name>.azurecr.io}), data endpoint host names ({@code <name>.<region>.data.azurecr.io}),
 * the access settings the access policy will enforce, and whether data endpoints are enabled
 * (ACR's {@code dataEndpointEnabled}: the login server then redirects blob downloads to the
 * first data endpoint host).
 */
public record RegistryInfo(String name, String loginServer, List<String> dataEndpointHosts,
    boolean anonymousPullEnabled, boolean publicNetworkAccessEnabled,
    boolean dataEndpointEnabled) {

  public RegistryInfo {
    if (!name.matches("[a-zA-Z0-9]{1,50}")) {
      throw new IllegalArgumentException("invalid registry name: " + name);
    }
    loginServer = loginServer.toLowerCase(Locale.ROOT);
    dataEndpointHosts = dataEndpointHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /** A registry with data endpoints disabled (downloads served by the login server). */
  public RegistryInfo(String name, String loginServer, List<String> dataEndpointHosts,
      boolean anonymousPullEnabled, boolean publicNetworkAccessEnabled) {
    this(name, loginServer, dataEndpointHosts, anonymousPullEnabled, publicNetworkAccessEnabled,
        false);
  }

  /** A registry with the login server ACR gives {@code name}, no data endpoint, public access. */
  public static RegistryInfo of(String name) {
    return new RegistryInfo(name, name.toLowerCase(Locale.ROOT) + ".azurecr.io", List.of(),
        false, true);
  }

  /** The host blob downloads on the login server are redirected to, when data endpoints are on. */
  public Optional<String> downloadHost() {
    return dataEndpointEnabled && !dataEndpointHosts.isEmpty()
        ? Optional.of(dataEndpointHosts.getFirst()) : Optional.empty();
  }

  /** Whether requests for {@code host} are this registry's. */
  public boolean serves(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals(loginServer) || dataEndpointHosts.contains(h);
  }

  /** The storage namespace of this registry (lower-case name). */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }
}
