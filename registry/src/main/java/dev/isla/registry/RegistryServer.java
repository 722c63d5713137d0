package dev.isla.registry;

import dev.isla.registry.api.RegistryHttp;
import dev.isla.registry.api.TransportEdge;
import dev.isla.registry.auth.AccessPolicy;
import dev.isla.registry.catalog.RegistryCatalog;
import dev.isla.registry.proxy.PullThrough;
import dev.isla.registry.proxy.UpstreamClient;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.BlobStore;
import dev.isla.registry.storage.LocalContent;
import dev.isla.registry.storage.ManifestStore;
import dev.isla.registry.storage.RepositoryStore;
import dev.isla.registry.storage.StorageUsage;
import dev.isla.registry.storage.TagStore;
import dev.isla.registry.storage.driver.StorageDriver;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The registry data plane as one listener: every registry of the {@link RegistryCatalog} is
 * served by {@code Host} (plain HTTP for now), with pull-through for repositories under a
 * cache rule. The launcher builds one with the control plane's catalog adapter and the data
 * folder's {@link dev.isla.registry.storage.driver.FilesystemDriver}.
 */
public final class RegistryServer implements AutoCloseable {

  private final WebServer server;
  private final StorageUsage usage;

  /** Starts listening on {@code host:port} (0 picks a free port) with default settings. */
  public RegistryServer(RegistryCatalog catalog, StorageDriver driver, UpstreamMap upstreams,
      String host, int port) {
    this(catalog, driver, AccessPolicy.ALLOW_ALL, new Settings(upstreams, host, port,
        PullThrough.DEFAULT_TAG_FRESHNESS, Duration.ofSeconds(30), Optional.empty()));
  }

  /** Starts listening with explicit settings and access policy. */
  public RegistryServer(RegistryCatalog catalog, StorageDriver driver, AccessPolicy policy,
      Settings settings) {
    this(catalog, driver, policy, settings, List.of());
  }

  /**
   * As above, with further HTTP services on the same listener, routed before the registry API
   * (ACR's {@code /oauth2/exchange} and {@code /oauth2/token}, which its Bearer challenges name
   * as realm).
   */
  public RegistryServer(RegistryCatalog catalog, StorageDriver driver, AccessPolicy policy,
      Settings settings, List<HttpService> services) {
    this.usage = new StorageUsage(driver);
    BlobStore blobs = new BlobStore(driver);
    ManifestStore manifests = new ManifestStore(driver);
    TagStore tags = new TagStore(driver);
    LocalContent local = new LocalContent(blobs, manifests, tags);
    PullThrough pullThrough = new PullThrough(catalog, local, blobs, manifests, tags, driver,
        new UpstreamClient(settings.upstreams(), settings.upstreamTimeout(),
            settings.upstreamTimeout()), settings.tagFreshness());
    RegistryHttp http = new RegistryHttp(catalog, policy, blobs, manifests, tags,
        new RepositoryStore(driver), pullThrough, settings.defaultRegistryHost());
    this.server = WebServer.builder()
        .host(settings.host())
        .port(settings.port())
        .directHandlers(TransportEdge::directHandlers)
        .routing(r -> {
          r.addFilter(TransportEdge::closeWhenAsked);
          services.forEach(r::register);
          r.any(http);
        })
        .build()
        .start();
  }

  /**
   * How the server runs.
   *
   * @param upstreams where cache-rule sources are reached
   * @param tagFreshness how long a cached tag is served before it is revalidated upstream
   * @param upstreamTimeout the longest an upstream may take to connect, or between two reads
   * @param defaultRegistryHost the login server answered for unclaimed hosts (IP literals,
   *     {@code localhost}: local tools that cannot send another {@code Host}), if any
   */
  public record Settings(UpstreamMap upstreams, String host, int port, Duration tagFreshness,
      Duration upstreamTimeout, Optional<String> defaultRegistryHost) {}

  /** Bytes stored for a registry (by its name, any case): see {@link StorageUsage}. */
  public long storageBytes(String registryName) {
    return usage.bytes(registryName.toLowerCase(java.util.Locale.ROOT));
  }

  /** The port actually bound. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
