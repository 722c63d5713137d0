package dev.isla.registry.api;

/**
 * The registry's error catalogue: the OCI distribution spec's codes (spec §"Error Codes") plus
 * the few Distribution and ACR add, each with its HTTP status and message. The edge
 * ({@link ErrorResponses}) writes them as {@code {"errors":[{"code","message","detail"}]}}.
 */
public enum RegistryErrorCode {
  BLOB_UNKNOWN("BLOB_UNKNOWN", 404, "blob unknown to registry"),
  BLOB_UPLOAD_INVALID("BLOB_UPLOAD_INVALID", 400, "blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN("BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry"),
  DIGEST_INVALID("DIGEST_INVALID", 400, "provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN("MANIFEST_BLOB_UNKNOWN", 404, "manifest references a manifest or blob"
      + " unknown to registry"),
  MANIFEST_INVALID("MANIFEST_INVALID", 400, "manifest invalid"),
  MANIFEST_UNKNOWN("MANIFEST_UNKNOWN", 404, "manifest unknown to registry"),
  /** Above the 4 MiB every registry must accept (spec "Pushing Manifests"). */
  MANIFEST_TOO_LARGE("SIZE_INVALID", 413, "manifest too large"),
  NAME_INVALID("NAME_INVALID", 400, "invalid repository name"),
  NAME_UNKNOWN("NAME_UNKNOWN", 404, "repository name not known to registry"),
  SIZE_INVALID("SIZE_INVALID", 400, "provided length did not match content length"),
  UNAUTHORIZED("UNAUTHORIZED", 401, "authentication required"),
  DENIED("DENIED", 403, "requested access to the resource is denied"),
  UNSUPPORTED("UNSUPPORTED", 405, "the operation is unsupported"),
  /**
   * A request the HTTP layer could not read (no URI, bad percent-encoding, a request line or
   * headers too long); answered with the HTTP layer's status (400, 414, 431). The spec has no
   * code for it; UNSUPPORTED is its code for "an invalid set of parameters".
   */
  REQUEST_UNREADABLE("UNSUPPORTED", 400, "the request could not be read"),
  TOO_MANY_REQUESTS("TOOMANYREQUESTS", 429, "too many requests"),
  /** Distribution's code for a chunk that does not continue the upload. */
  RANGE_INVALID("RANGE_INVALID", 416, "invalid content range"),
  /** Distribution's code for a bad {@code n}. */
  PAGINATION_NUMBER_INVALID("PAGINATION_NUMBER_INVALID", 400, "invalid number of results"
      + " requested"),
  /** A {@code Range} outside the blob. */
  RANGE_NOT_SATISFIABLE("RANGE_INVALID", 416, "requested range not satisfiable"),
  /**
   * TLS: the {@code Host} names another registry than the handshake's server name (RFC 9110
   * §15.5.20); the client should open a connection for that host.
   */
  MISDIRECTED("MISDIRECTED_REQUEST", 421, "misdirected request"),
  /** No registry is served at the request's host. */
  REGISTRY_UNKNOWN("NAME_UNKNOWN", 404, "registry unknown"),
  /** ACR's answer when a cache rule's source fails (research/aks-isolation.md §6.1). */
  UPSTREAM_FAILED("UNKNOWN", 424, "request to pull from source failed"),
  /** A cache rule's source answered 503; its {@code Retry-After} goes with it. */
  UPSTREAM_UNAVAILABLE("UNAVAILABLE", 503, "service unavailable"),
  UNKNOWN("UNKNOWN", 500, "unknown error");

  private final String code;
  private final int status;
  private final String message;

  RegistryErrorCode(String code, int status, String message) {
    this.code = code;
    this.status = status;
    this.message = message;
  }

  /** The wire code ({@code errors[].code}). */
  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }

  /** An exception carrying this code and a detail for the client. */
  public RegistryException exception(String detail) {
    return new RegistryException(this, detail);
  }
}
