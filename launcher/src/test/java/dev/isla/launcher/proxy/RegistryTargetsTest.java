package dev.isla.launcher.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.catalog.MemoryRegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which {@code CONNECT} targets lead to the registry's TLS listener, and why others do not. */
class RegistryTargetsTest {

  private static final InetSocketAddress TLS = new InetSocketAddress("127.0.0.1", 44300);
  private final MemoryRegistryCatalog catalog = new MemoryRegistryCatalog()
      .put(new RegistryInfo("myacr", "myacr.azurecr.io", List.of("myacr.eastus.data.azurecr.io"), false, false));
  private final RegistryTargets targets = new RegistryTargets(catalog, () -> Optional.of(TLS));

  @Test
  void aRegistrysLoginServerAndDataEndpointLeadToTheTlsListener() {
    assertThat(targets.resolve("myacr.azurecr.io", 443)).isEqualTo(new ProxyTargets.Decision.Tunnel(TLS));
    assertThat(targets.resolve("MyAcr.AzureCR.io", 443)).isEqualTo(new ProxyTargets.Decision.Tunnel(TLS));
    assertThat(targets.resolve("myacr.eastus.data.azurecr.io", 443)).isEqualTo(new ProxyTargets.Decision.Tunnel(TLS));
  }

  @Test
  void otherHostsPortsAndUnknownRegistriesAreRefusedNamingWhy() {
    assertThat(reason(targets.resolve("example.com", 443))).contains("reaches only its registries")
        .contains("'example.com' is not one");
    assertThat(reason(targets.resolve("127.0.0.1", 443))).contains("is not one");
    assertThat(reason(targets.resolve("myacr.azurecr.io", 80))).isEqualTo("registries are served on port 443, not 80");
    assertThat(reason(targets.resolve("other.azurecr.io", 443))).contains("no registry of this Isla is reached at 'other.azurecr.io'");
  }

  @Test
  void withoutATlsListenerNothingIsTunnelled() {
    RegistryTargets noTls = new RegistryTargets(catalog, Optional::empty);
    assertThat(reason(noTls.resolve("myacr.azurecr.io", 443))).isEqualTo("the registry's TLS listener is not running");
  }

  private static String reason(ProxyTargets.Decision d) {
    assertThat(d).isInstanceOf(ProxyTargets.Decision.Refuse.class);
    return ((ProxyTargets.Decision.Refuse) d).reason();
  }
}
