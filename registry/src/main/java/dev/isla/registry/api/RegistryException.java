package dev.isla.registry.api;

import java.util.Map;

/**
 * A request the registry refuses: a {@link RegistryErrorCode}, a detail for the client, and
 * optional extra response headers (e.g. {@code Range} on a 416 for an upload). Thrown anywhere,
 * turned into the spec's JSON only at the edge.
 */
public final class RegistryException extends RuntimeException {

  private final RegistryErrorCode code;
  private final String detail;
  private final Map<String, String> headers;

  public RegistryException(RegistryErrorCode code, String detail) {
    this(code, detail, Map.of());
  }

  public RegistryException(RegistryErrorCode code, String detail, Map<String, String> headers) {
    super(code.code() + ": " + detail);
    this.code = code;
    this.detail = detail;
    this.headers = Map.copyOf(headers);
  }

  public RegistryErrorCode code() {
    return code;
  }

  public String detail() {
    return detail;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
