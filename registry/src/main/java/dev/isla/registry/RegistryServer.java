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
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The registry data plane: every registry of the {@link RegistryCatalog} is served by
 * {@code Host} on one plain HTTP listener and, when {@link Settings#secure()} is given, on one
 * TLS listener beside it with the same routing (the certificate must cover every host name
 * clients send as SNI), with pull-through for repositories under a cache rule. The launcher
 * builds one with the control plane's catalog adapter and the data folder's
 * {@link dev.isla.registry.storage.driver.FilesystemDriver}.
 */
public final class RegistryServer implements AutoCloseable {

  private final WebServer server;
  private final Optional<WebServer> secureServer;
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
    this.server = listener(settings.host(), settings.port(), services, http).build().start();
    this.secureServer = settings.secure().map(secure -> listener(settings.host(), secure.port(),
        services, http).tls(secure.tls()).build().start());
  }

  /** One listener's configuration; the plain and the TLS listener differ only in TLS. */
  private static WebServerConfig.Builder listener(String host, int port,
      List<HttpService> services, RegistryHttp http) {
    return WebServer.builder()
        .host(host)
        .port(port)
        .directHandlers(TransportEdge::directHandlers)
        .routing(r -> {
          r.addFilter(TransportEdge::closeWhenAsked);
          services.forEach(r::register);
          r.any(http);
        });
  }

  /**
   * How the server runs.
   *
   * @param upstreams where cache-rule sources are reached
   * @param tagFreshness how long a cached tag is served before it is revalidated upstream
   * @param upstreamTimeout the longest an upstream may take to connect, or between two reads
   * @param defaultRegistryHost the login server answered for unclaimed hosts (IP literals,
   *     {@code localhost}: local tools that cannot send another {@code Host}), if any; without
   *     one, such hosts select the registry by the first path component after {@code /v2/}
   * @param secure the TLS listener beside the plain one, if any
   */
  public record Settings(UpstreamMap upstreams, String host, int port, Duration tagFreshness,
      Duration upstreamTimeout, Optional<String> defaultRegistryHost, Optional<Secure> secure) {

    /** Plain HTTP only. */
    public Settings(UpstreamMap upstreams, String host, int port, Duration tagFreshness,
        Duration upstreamTimeout, Optional<String> defaultRegistryHost) {
      this(upstreams, host, port, tagFreshness, upstreamTimeout, defaultRegistryHost,
          Optional.empty());
    }

    /** These settings with a TLS listener on {@code port} (0 picks a free one). */
    public Settings withSecure(int port, Tls tls) {
      return new Settings(upstreams, host, port(), tagFreshness, upstreamTimeout,
          defaultRegistryHost, Optional.of(new Secure(port, tls)));
    }
  }

  /**
   * The TLS listener.
   *
   * @param port where it listens (0 picks a free port)
   * @param tls the key material; its certificate should cover every registry host name
   */
  public record Secure(int port, Tls tls) {}

  /** Bytes stored for a registry (by its name, any case): see {@link StorageUsage}. */
  public long storageBytes(String registryName) {
    return usage.bytes(registryName.toLowerCase(java.util.Locale.ROOT));
  }

  /** The port of the plain HTTP listener. */
  public int port() {
    return server.port();
  }

  /** The port of the TLS listener, when there is one. */
  public OptionalInt securePort() {
    return secureServer.map(s -> OptionalInt.of(s.port())).orElse(OptionalInt.empty());
  }

  @Override
  public void close() {
    secureServer.ifPresent(WebServer::stop);
    server.stop();
  }
}
