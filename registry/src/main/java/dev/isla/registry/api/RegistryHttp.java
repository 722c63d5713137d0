package dev.isla.registry.api;

import dev.isla.registry.auth.AccessPolicy;
import dev.isla.registry.auth.AccessRequest;
import dev.isla.registry.catalog.RegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.storage.BlobStore;
import dev.isla.registry.storage.ContentSources;
import dev.isla.registry.storage.ManifestStore;
import dev.isla.registry.storage.RepositoryStore;
import dev.isla.registry.storage.TagStore;
import dev.isla.registry.storage.driver.BlobVerificationException;
import dev.isla.registry.storage.driver.StorageException;
import dev.isla.registry.storage.driver.UploadUnknownException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registry's HTTP edge, one Helidon handler for every registry. The request pipeline, in
 * order: find the registry by {@code Host} (virtual hosting; on a bare IP or {@code localhost},
 * by the first path component), parse the route, refuse a {@code Host} that contradicts the TLS
 * server name ({@code 421}), ask the
 * {@link AccessPolicy}, stamp the common headers, dispatch; then map whatever was thrown to the
 * spec's error body. Once a body has started, a failure can only abort the connection.
 */
public final class RegistryHttp implements Handler {

  private static final Logger LOG = Logger.getLogger(RegistryHttp.class.getName());

  private final RegistryCatalog catalog;
  private final AccessPolicy policy;
  private final Dispatcher dispatcher;
  private final Optional<String> defaultRegistryHost;
  private final DownloadLinks links = new DownloadLinks(Clock.systemUTC());

  /**
   * @param defaultRegistryHost the login server answered for hosts no registry claims (an IP
   *     literal or {@code localhost} used by local tools), or empty to refuse them
   */
  public RegistryHttp(RegistryCatalog catalog, AccessPolicy policy, BlobStore blobs,
      ManifestStore manifests, TagStore tags, RepositoryStore repositories,
      ContentSources sources, Optional<String> defaultRegistryHost) {
    this.catalog = catalog;
    this.policy = policy;
    this.defaultRegistryHost = defaultRegistryHost;
    ManifestPush push = new ManifestPush(blobs, manifests, tags);
    this.dispatcher = new Dispatcher(new BlobHandler(blobs, sources, links),
        new UploadHandler(blobs),
        new ManifestHandler(manifests, tags, sources, push), new ListHandler(tags, repositories),
        new ReferrersHandler(manifests));
  }

  @Override
  public void handle(ServerRequest request, ServerResponse response) {
    boolean head = request.prologue().method().text().equalsIgnoreCase("HEAD");
    try {
      response.header("Docker-Distribution-Api-Version", "registry/2.0");
      request.query().first("ns").asOptional()
          .ifPresent(ns -> response.header("OCI-Namespace", ns));
      Optional<Exchange> found = exchange(request, response);
      if (found.isEmpty()) {
        Dispatcher.ping(request.prologue().method().text(), response);
        return;
      }
      Exchange exchange = found.get();
      if (!links.signed(exchange)) {
        authorize(exchange);
      }
      refusePushIntoCache(exchange);
      dispatcher.dispatch(exchange);
    } catch (StreamAbortedException e) {
      // Headers and part of the body are out: only ending the connection tells the client.
      LOG.log(Level.FINE, "transfer aborted on " + request.path().rawPath(), e);
      throw e;
    } catch (RuntimeException e) {
      if (response.isSent()) {
        throw e;
      }
      ErrorResponses.write(response, toRegistryException(request, e), head);
    }
  }

  /**
   * The registry and route of a request: by {@code Host} (a login server or data endpoint, else
   * the default registry); on a host no registry claims that is an IP literal or
   * {@code localhost}, by the first path component ({@code /v2/<registry>/<repository>/…}, the
   * registry's name or login server), where {@code /v2/} itself is a plain API check (empty:
   * it names no registry to authorize against). On TLS, the registry must be the one the
   * handshake's server name names, if it names one.
   */
  private Optional<Exchange> exchange(ServerRequest request, ServerResponse response) {
    String host = request.headers().first(HeaderNames.HOST).orElse("");
    String name = stripPort(host).toLowerCase(Locale.ROOT);
    Optional<RegistryInfo> byHost = catalog.findByHost(name)
        .or(() -> defaultRegistryHost.flatMap(catalog::findByHost));
    if (byHost.isEmpty() && !isLocal(name)) {
      throw RegistryErrorCode.REGISTRY_UNKNOWN.exception(
          "no registry is served at host '" + host + "'");
    }
    RegistryRoute route = RegistryRoute.parse(request.path().rawPath());
    if (byHost.isPresent()) {
      return Optional.of(checked(new Exchange(byHost.get(), route, request, response)));
    }
    if (route.kind() == RegistryRoute.Kind.BASE && route.apiRoot().equals("/v2")) {
      return Optional.empty();
    }
    Optional<RegistryRoute.Selected> selected = route.selectingRegistry();
    Optional<RegistryInfo> registry = selected.flatMap(s -> catalog.findByName(s.registry())
        .or(() -> catalog.findByHost(s.registry())));
    if (registry.isEmpty()) {
      throw RegistryErrorCode.REGISTRY_UNKNOWN.exception("no registry is served at host '"
          + host + "' and " + selected.map(s -> "'" + s.registry() + "' names none")
              .orElse("the path names none")
          + ": use /v2/<registry>/<repository>/… with the name or login server of a registry"
          + " of this cloud");
    }
    return Optional.of(checked(new Exchange(registry.get(), selected.orElseThrow().route(),
        request, response)));
  }

  private Exchange checked(Exchange exchange) {
    Optional<String> sni = TlsServerName.of(exchange.request());
    Optional<RegistryInfo> named = sni.flatMap(catalog::findByHost);
    if (named.isPresent() && !named.get().key().equals(exchange.registry().key())) {
      throw RegistryErrorCode.MISDIRECTED.exception("this connection was opened for '"
          + sni.orElseThrow() + "' but the request is for " + exchange.registry().loginServer()
          + "; open a connection to that host");
    }
    return exchange;
  }

  private static boolean isLocal(String host) {
    return host.equals("localhost") || host.startsWith("[") || host.matches("[0-9.]+");
  }

  private void authorize(Exchange exchange) {
    AccessRequest request = new AccessRequest(exchange.registry(),
        exchange.route().repository().map(Object::toString), Dispatcher.action(exchange),
        exchange.header("Authorization"), peer(exchange));
    switch (policy.decide(request)) {
      case ALLOW -> { }
      case UNAUTHENTICATED -> throw new RegistryException(RegistryErrorCode.UNAUTHORIZED,
          "authentication required, visit https://aka.ms/acr/authorization for more information",
          Map.of("WWW-Authenticate", challenge(exchange, request)));
      case DENIED -> throw RegistryErrorCode.DENIED.exception("access to "
          + exchange.registry().loginServer() + " is denied");
    }
  }

  /**
   * A repository a cache rule covers is filled from the rule's source only: ACR refuses pushes
   * into it (uploads, mounts, manifests; Azure/acr#845). Deletes stay allowed.
   */
  private void refusePushIntoCache(Exchange exchange) {
    if (Dispatcher.action(exchange) != AccessRequest.Action.PUSH) {
      return;
    }
    String repository = exchange.route().repository().orElseThrow().value();
    catalog.cacheRules(exchange.registry().name()).stream()
        .filter(rule -> rule.upstreamRepository(repository).filter(u -> !u.isEmpty()).isPresent())
        .findFirst().ifPresent(rule -> {
          throw RegistryErrorCode.DENIED.exception("push to repository '" + repository
              + "' is not allowed: it is the target of cache rule '" + rule.name()
              + "' (source '" + rule.sourceRepository() + "'), whose content comes from the"
              + " source only");
        });
  }

  /**
   * ACR's challenge: the realm is the registry's own {@code /oauth2/token} (the launcher mounts
   * the token endpoints on this listener), the service its login server, the scope the
   * repository as the registry knows it. The realm is where this client reaches the registry:
   * its login server when the {@code Host} is one of the registry's names, else the
   * {@code Host} itself (path mode: {@code 127.0.0.1:PORT}, whose token endpoint finds the
   * registry by {@code service}); with the port and scheme of this listener when the
   * {@code Host} carries a port, else {@code https} on 443 as in Azure (nodes, proxies).
   */
  private static String challenge(Exchange exchange, AccessRequest request) {
    String login = request.registry().loginServer();
    String host = exchange.request().headers().first(HeaderNames.HOST).orElse(login);
    String hostName = stripPort(host);
    String port = host.substring(hostName.length());
    String realmHost = request.registry().serves(hostName) ? login : hostName;
    String scheme = port.isEmpty() || exchange.request().isSecure() ? "https://" : "http://";
    return "Bearer realm=\"" + scheme + realmHost + port + "/oauth2/token\",service=\"" + login
        + "\"" + request.scope().map(s -> ",scope=\"" + s + "\"").orElse("");
  }

  private static InetSocketAddress peer(Exchange exchange) {
    return exchange.request().remotePeer().address() instanceof InetSocketAddress a
        ? a : new InetSocketAddress(exchange.request().remotePeer().host(), 0);
  }

  private static RegistryException toRegistryException(ServerRequest request,
      RuntimeException e) {
    return switch (e) {
      case RegistryException r -> r;
      case BlobVerificationException v -> RegistryErrorCode.DIGEST_INVALID.exception(
          v.getMessage());
      case UploadUnknownException u -> RegistryErrorCode.BLOB_UPLOAD_UNKNOWN.exception(
          u.getMessage());
      default -> {
        String tracking = UUID.randomUUID().toString();
        if (!(e instanceof UncheckedIOException)) {
          LOG.log(Level.SEVERE, "unexpected error on " + request.prologue().method().text() + " "
              + request.path().rawPath() + " (tracking id " + tracking + ")", e);
        }
        String what = e instanceof StorageException ? "storage failed" : "internal error";
        yield RegistryErrorCode.UNKNOWN.exception(what + " (tracking id " + tracking + ")");
      }
    };
  }

  static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
