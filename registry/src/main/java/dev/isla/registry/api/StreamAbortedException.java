package dev.isla.registry.api;

/**
 * A response body broke off after it began (the client left, or the upstream it followed
 * failed): no error body can be sent any more, so the connection must end abnormally.
 */
final class StreamAbortedException extends RuntimeException {

  StreamAbortedException(Throwable cause) {
    super("response body aborted: " + cause.getMessage(), cause);
  }
}
