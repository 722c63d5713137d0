package dev.isla.launcher;

import dev.isla.identity.ca.LocalCa;
import dev.isla.identity.ca.ServerKeys;
import dev.isla.identity.ca.SubjectNames;
import io.helidon.common.tls.Tls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry TLS listener's key material: one certificate from the data folder's
 * {@link LocalCa} whose SANs cover every host name a registry is reached by — login servers
 * {@code *.azurecr.io}, their private-link aliases {@code *.privatelink.azurecr.io}, the data
 * endpoints {@code *.<region>.data.azurecr.io} (and private-link twins) of every region the
 * control plane accepts, and {@code localhost}/{@code 127.0.0.1} (plus the bound address) for
 * tools that select the registry by path.
 *
 * <p>Why one certificate and not one per SNI name: the set is fixed by the regions (18 by
 * default: 38 wildcard names, a 1.9 kB leaf), registries created later are
 * covered without reissuing, and a handshake never waits for a key to be generated; per-name
 * issuance would only narrow what a stolen leaf key could impersonate, and the CA key sits
 * beside it in the same folder anyway.
 */
final class RegistryTls {

  private RegistryTls() {}

  /** The names the certificate covers. */
  static SubjectNames names(List<String> regions, String boundHost) {
    List<String> names = new ArrayList<>(List.of("*.azurecr.io", "*.privatelink.azurecr.io",
        "localhost", "127.0.0.1"));
    for (String region : regions) {
      names.add("*." + region + ".data.azurecr.io");
      names.add("*." + region + ".data.privatelink.azurecr.io");
    }
    if (!boundHost.equals("0.0.0.0")) {
      names.add(boundHost);
    }
    return SubjectNames.parse(names);
  }

  /** Helidon's TLS configuration presenting that certificate (renewed before it expires). */
  static Tls tls(LocalCa ca, List<String> regions, String boundHost, Clock clock) {
    return new ServerKeys(ca, names(regions, boundHost), clock).tls();
  }
}
