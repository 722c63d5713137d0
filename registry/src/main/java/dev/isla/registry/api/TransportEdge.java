package dev.isla.registry.api;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The registry listener below the registry API. What the HTTP layer refuses before routing (a
 * request target that is no URI, bad percent-encoding, an over-long request line or header
 * block) is answered in the spec's error format, like every other refusal, and says it closes
 * the connection. A request carrying {@code Connection: close} gets its answer and then the
 * connection is closed: Helidon writes the header but would otherwise wait for a next request.
 */
public final class TransportEdge {

  private TransportEdge() {}

  /** Answers every transport-level refusal with the spec's error body. */
  public static void directHandlers(DirectHandlers.Builder handlers) {
    for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
      handlers.addHandler(event, TransportEdge::refusal);
    }
  }

  private static DirectHandler.TransportResponse refusal(DirectHandler.TransportRequest request,
      DirectHandler.EventType event, Status status, ServerResponseHeaders headers,
      String message) {
    RegistryErrorCode code = switch (status.code()) {
      case 413 -> RegistryErrorCode.SIZE_INVALID;
      case 429, 503 -> RegistryErrorCode.TOO_MANY_REQUESTS;
      default -> status.code() >= 500 ? RegistryErrorCode.UNKNOWN
          : RegistryErrorCode.REQUEST_UNREADABLE;
    };
    // Helidon's own message may quote the request; the reason phrase says enough.
    RegistryException error = code.exception("the request could not be read: "
        + status.reasonPhrase());
    return DirectHandler.TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
        .entity(ErrorResponses.body(error))
        // The connection closes after this answer: say so, or a client reuses it and loses
        // its next request.
        .header(HeaderNames.CONNECTION, "close")
        .keepAlive(false)
        .build();
  }

  /**
   * Closes the connection after the answer when the request asked for it
   * ({@code Connection: close}, RFC 9112 §9.6).
   */
  public static void closeWhenAsked(FilterChain chain, RoutingRequest request,
      RoutingResponse response) {
    chain.proceed();
    if (request.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
      throw new CloseConnectionException("the client asked to close the connection");
    }
  }
}
