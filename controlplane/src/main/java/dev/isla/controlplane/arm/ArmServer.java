package dev.isla.controlplane.arm;

import dev.isla.arm.ArmError;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ErrorFormat;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceTypes;
import io.helidon.common.tls.Tls;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ARM endpoint: a Helidon SE listener (virtual threads) whose one handler turns HTTP into
 * {@link ArmRequest}, passes it through the {@link ArmGate}, routes it and writes the
 * {@link ArmResponse} — or the error, in the format of the provider the path names. No handler
 * anywhere builds an error body by hand. Optionally a second, TLS listener ({@link Secure})
 * serves the same ARM plus other services mounted before it (the login endpoints); there the
 * gate always requires a token, and URLs in responses use {@code https}.
 */
public final class ArmServer implements AutoCloseable {

  /** Requests larger than this are refused with 413 before parsing. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /**
   * A body over {@link #MAX_BODY_BYTES} but under this is read to its end and discarded before
   * the 413 is sent, so the client — still writing — reads the answer instead of a connection
   * reset. Above it, Helidon refuses from the headers and closes at once.
   */
  static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(ArmServer.class.getName());

  /**
   * The TLS listener.
   *
   * @param port port to bind; 0 picks a free one
   * @param tls the server's key material
   * @param services mounted before ARM on this listener only (their routes win)
   */
  public record Secure(int port, Tls tls, List<HttpService> services) {
    public Secure {
      services = List.copyOf(services);
    }
  }

  /** Paths answered without credentials: what clients read before they can log in. */
  private static final List<String> ANONYMOUS = List.of("/metadata/endpoints");

  private final ArmRouter router;
  private final ArmGate gate;
  private final WebServer server;
  private final Optional<WebServer> secureServer;

  /** Starts listening on {@code host:port} (port 0 picks a free one), admitting everyone. */
  public ArmServer(ArmRouter router, String host, int port) {
    this(router, ArmGate.open(), host, port, Optional.empty());
  }

  /** Starts the plain listener on {@code host:port} and, when given, the TLS one. */
  public ArmServer(ArmRouter router, ArmGate gate, String host, int port, Optional<Secure> secure) {
    this.router = router;
    this.gate = gate;
    this.server = WebServer.builder()
        .host(host)
        .port(port)
        .maxPayloadSize(DRAIN_LIMIT_BYTES)
        .directHandlers(ArmServer::armTransportErrors)
        .routing(r -> r.addFilter(ArmServer::closeWhenAsked)
            .any((req, res) -> handle(req, res, false)))
        .build()
        .start();
    this.secureServer = secure.map(s -> WebServer.builder()
        .host(host)
        .port(s.port())
        .tls(s.tls())
        .maxPayloadSize(DRAIN_LIMIT_BYTES)
        .directHandlers(ArmServer::armTransportErrors)
        .routing(r -> {
          r.addFilter(ArmServer::closeWhenAsked);
          s.services().forEach(r::register);
          r.any((req, res) -> handle(req, res, true));
        })
        .build()
        .start());
  }

  private static void armTransportErrors(io.helidon.webserver.http.DirectHandlers.Builder d) {
    for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
      d.addHandler(event, ArmServer::transportError);
    }
  }

  /**
   * What Helidon answers itself, before routing (a body over {@link #MAX_BODY_BYTES}, a request
   * line too long or no valid URI): ARM's error body, never an empty one.
   */
  private static DirectHandler.TransportResponse transportError(
      DirectHandler.TransportRequest request, DirectHandler.EventType event, Status status,
      ServerResponseHeaders headers, String message) {
    ArmException error = status.code() == 413
        ? ArmException.of(ArmErrorCode.REQUEST_TOO_LARGE, MAX_BODY_BYTES)
        : ArmException.of(ArmErrorCode.BAD_REQUEST, "The request could not be read: "
            + status.reasonPhrase() + ".");
    return DirectHandler.TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
        .header(HeaderNames.create("x-ms-failure-cause"), status.code() >= 500 ? "service" : "gateway")
        .entity(Json.write(error.toError().toBody(ErrorFormat.WRAPPED)))
        // The connection closes after this answer: say so, or a client reuses it and loses
        // its next request.
        .header(HeaderNames.CONNECTION, "close")
        .keepAlive(false)
        .build();
  }

  /**
   * Closes the connection after the answer when the request asked for it
   * ({@code Connection: close}, RFC 9112 §9.6): Helidon writes the header but would otherwise
   * wait for a next request on it.
   */
  private static void closeWhenAsked(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    chain.proceed();
    if (req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
      throw new CloseConnectionException("the client asked to close the connection");
    }
  }

  /** The port actually bound. */
  public int port() {
    return server.port();
  }

  /** The TLS listener's port, when there is one. */
  public Optional<Integer> securePort() {
    return secureServer.map(WebServer::port);
  }

  private void handle(ServerRequest req, ServerResponse res, boolean secure) {
    String path = req.path().path();
    ArmResponse response;
    try {
      ArmRequest request = toArmRequest(req, secure);
      if (!ANONYMOUS.contains(path.toLowerCase(Locale.ROOT))) {
        gate.admit(request, secure);
      }
      response = router.route(request);
    } catch (ArmException e) {
      if (e.status() == 401) {
        res.header("WWW-Authenticate", challenge(req, secure, e.getMessage()));
      }
      writeError(res, e.status(), e.toError(), formatFor(path));
      return;
    } catch (RuntimeException e) {
      String tracking = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "unexpected error on " + req.prologue().method().text() + " " + path
          + " (tracking id " + tracking + ")", e);
      writeError(res, 500, ArmException.of(ArmErrorCode.INTERNAL_ERROR, tracking).toError(),
          formatFor(path));
      return;
    }
    write(req, res, response, secure);
  }

  /** ARM's bearer challenge; the authority is Isla's login endpoint (this listener's root). */
  private String challenge(ServerRequest req, boolean secure, String description) {
    String authority = secureServer.map(s -> "https://" + hostOnly(req) + ":" + s.port() + "/")
        .orElse(baseUrl(req, secure) + "/");
    return "Bearer authorization_uri=\"" + authority + "\", error=\"invalid_token\", error_description=\""
        + description.replace("\"", "'") + "\"";
  }

  private static String hostOnly(ServerRequest req) {
    String host = req.headers().first(HeaderNames.HOST).orElse("127.0.0.1");
    int colon = host.lastIndexOf(':');
    return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
  }

  private String baseUrl(ServerRequest req, boolean secure) {
    int port = secure ? secureServer.orElseThrow().port() : port();
    return (secure ? "https://" : "http://")
        + req.headers().first(HeaderNames.HOST).orElse("127.0.0.1:" + port);
  }

  private ArmRequest toArmRequest(ServerRequest req, boolean secure) {
    Map<String, String> query = new HashMap<>();
    for (String name : req.query().names()) {
      query.put(name.toLowerCase(Locale.ROOT), req.query().first(name).orElse(""));
    }
    Map<String, String> headers = new HashMap<>();
    req.headers().forEach(h -> headers.putIfAbsent(h.name().toLowerCase(Locale.ROOT), h.get()));
    return new ArmRequest(req.prologue().method().text().toUpperCase(Locale.ROOT), req.path().path(),
        query, headers, readBody(req), baseUrl(req, secure));
  }

  private static byte[] readBody(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        in.transferTo(OutputStream.nullOutputStream());
        throw ArmException.of(ArmErrorCode.REQUEST_TOO_LARGE, MAX_BODY_BYTES);
      }
      return bytes;
    } catch (IOException e) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_CONTENT, "the body could not be read");
    } catch (RuntimeException e) {
      if (e instanceof ArmException arm) {
        throw arm;
      }
      throw ArmException.of(ArmErrorCode.REQUEST_TOO_LARGE, MAX_BODY_BYTES);
    }
  }

  private void write(ServerRequest req, ServerResponse res, ArmResponse response, boolean secure) {
    String base = baseUrl(req, secure);
    String apiVersion = req.query().first("api-version").orElse(ResourceTypes.RESOURCE_GROUPS.newestApiVersion());
    res.status(response.status());
    response.etag().ifPresent(e -> res.header("ETag", e));
    response.operation().ifPresent(op -> {
      res.header("Azure-AsyncOperation", base + op.statusPath() + "?api-version=" + apiVersion);
      if (response.status() == 202) {
        res.header("Location", base + op.resultPath() + "?api-version=" + apiVersion);
        res.header("Retry-After", Integer.toString(router.retryAfterSeconds()));
      }
    });
    res.header("x-ms-request-id", UUID.randomUUID().toString());
    if (response.body().isPresent() && !req.prologue().method().text().equals("HEAD")) {
      res.header("Content-Type", "application/json; charset=utf-8");
      res.send(Json.write(response.body().get()).getBytes(StandardCharsets.UTF_8));
    } else {
      res.send();
    }
  }

  private static void writeError(ServerResponse res, int status, ArmError error, ErrorFormat format) {
    res.status(status);
    res.header("Content-Type", "application/json; charset=utf-8");
    res.header("x-ms-failure-cause", status >= 500 ? "service" : "gateway");
    res.send(Json.write(error.toBody(format)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The error format of the provider that answers {@code path}: the namespace after the last
   * {@code /providers/} (an extension resource is answered by its own provider), looked up in the
   * resource-type table (Microsoft.ContainerService answers flat, everything else wrapped).
   */
  static ErrorFormat formatFor(String path) {
    String[] segments = path.split("/");
    for (int i = segments.length - 2; i >= 0; i--) {
      if (segments[i].equalsIgnoreCase("providers")) {
        return ResourceTypes.inNamespace(segments[i + 1]).stream()
            .map(dev.isla.arm.ResourceType::errorFormat)
            .findFirst().orElse(ErrorFormat.WRAPPED);
      }
    }
    return ErrorFormat.WRAPPED;
  }

  @Override
  public void close() {
    secureServer.ifPresent(WebServer::stop);
    server.stop();
  }
}
