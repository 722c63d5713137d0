package dev.isla.cli.arm;

import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/**
 * The {@code --debug} request log, in the shape of az's azure-core logging policy and urllib3
 * connection lines. Authorization values are never printed.
 */
public final class HttpTrace {

  private static final String POLICY = "DEBUG: cli.azure.cli.core.sdk.policies: ";
  private final PrintStream err;
  private final boolean enabled;

  public HttpTrace(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  public static HttpTrace off() {
    return new HttpTrace(System.err, false);
  }

  /** Logs a request before it is sent. */
  public void request(String method, URI uri, Map<String, String> headers, String body) {
    if (!enabled) {
      return;
    }
    err.println(POLICY + "Request URL: '" + uri + "'");
    err.println(POLICY + "Request method: '" + method + "'");
    err.println(POLICY + "Request headers:");
    headers.forEach((k, v) -> err.println(POLICY + "    '" + k + "': '"
        + (k.equalsIgnoreCase("Authorization") ? "*****" : v) + "'"));
    err.println(POLICY + "Request body:");
    err.println(POLICY + (body.isEmpty() ? "This request has no body" : body));
  }

  /** Logs a response once it is read. */
  public void response(String method, URI uri, HttpExchange response) {
    if (!enabled) {
      return;
    }
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    err.println("DEBUG: urllib3.connectionpool: " + uri.getScheme() + "://" + uri.getAuthority()
        + " \"" + method + " " + target + " HTTP/1.1\" " + response.status() + " "
        + response.body().length());
    err.println(POLICY + "Response status: " + response.status());
    err.println(POLICY + "Response headers:");
    response.headers().forEach((k, v) -> err.println(POLICY + "    '" + k + "': '"
        + String.join(", ", v) + "'"));
    err.println(POLICY + "Response content:");
    err.println(POLICY + response.body());
  }
}
