package dev.isla.registry.api;

import io.helidon.webserver.CloseConnectionException;

/**
 * A response body broke off after it began (the client left, or the upstream it followed
 * failed): no error body can be sent any more, so the connection must end abnormally.
 */
final class StreamAbortedException extends CloseConnectionException {

  StreamAbortedException(Throwable cause) {
    // Helidon closes the connection for this type without trying to write an error response.
    super("response body aborted: " + cause.getMessage(), cause);
  }
}
