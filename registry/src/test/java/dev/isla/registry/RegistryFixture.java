package dev.isla.registry;

import dev.isla.registry.auth.AccessPolicy;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.catalog.MemoryRegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.StorageDriver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An in-process registry server for component tests: registry {@code myacr} (login server
 * {@code myacr.azurecr.io}, data endpoint {@code myacr.westeurope.data.azurecr.io}) on port 0.
 */
public final class RegistryFixture implements AutoCloseable {

  public static final String LOGIN_SERVER = "myacr.azurecr.io";
  public static final String DATA_ENDPOINT = "myacr.westeurope.data.azurecr.io";

  public final MemoryRegistryCatalog catalog = new MemoryRegistryCatalog();
  public final StorageDriver driver;
  public final RegistryServer server;
  public final OciClient client;

  public RegistryFixture(StorageDriver driver) {
    this(driver, UpstreamMap.direct(), Duration.ofMinutes(5), List.of());
  }

  public RegistryFixture(StorageDriver driver, UpstreamMap upstreams, Duration tagFreshness,
      List<CacheRule> rules) {
    this(driver, upstreams, tagFreshness, rules, Optional.empty());
  }

  /** With {@code defaultHost}: requests for 127.0.0.1 go to that registry (local tools). */
  public RegistryFixture(StorageDriver driver, UpstreamMap upstreams, Duration tagFreshness,
      List<CacheRule> rules, Optional<String> defaultHost) {
    this.driver = driver;
    catalog.put(new RegistryInfo("myacr", LOGIN_SERVER, List.of(DATA_ENDPOINT), false, true));
    rules.forEach(rule -> catalog.putRule("myacr", rule));
    this.server = new RegistryServer(catalog, driver, AccessPolicy.ALLOW_ALL,
        new RegistryServer.Settings(upstreams, "127.0.0.1", 0, tagFreshness,
            Duration.ofSeconds(2), defaultHost));
    this.client = new OciClient(server.port(), LOGIN_SERVER);
  }

  @Override
  public void close() {
    server.close();
  }
}
