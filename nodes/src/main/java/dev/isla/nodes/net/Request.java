package dev.isla.nodes.net;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request a node sends. {@code Host}, {@code Content-Length} and {@code Connection} are
 * written by the client.
 *
 * @param method e.g. {@code GET}
 * @param url where to
 * @param headers further header fields, in order
 * @param body empty for none
 */
public record Request(String method, Url url, Map<String, String> headers, byte[] body) {

  public Request {
    if (!method.matches("[A-Z]+")) {
      throw new IllegalArgumentException("not an HTTP method: " + method);
    }
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body.clone();
  }

  /** {@code GET url} with the given header fields (name, value, name, value …). */
  public static Request get(Url url, String... headers) {
    return new Request("GET", url, pairs(headers), new byte[0]);
  }

  /** {@code HEAD url}. */
  public static Request head(Url url, String... headers) {
    return new Request("HEAD", url, pairs(headers), new byte[0]);
  }

  /** {@code POST url} with an {@code application/x-www-form-urlencoded} body. */
  public static Request postForm(Url url, String form) {
    return new Request("POST", url,
        Map.of("Content-Type", "application/x-www-form-urlencoded"),
        form.getBytes(StandardCharsets.UTF_8));
  }

  /** The same request to another URL (a redirect), without {@code Authorization} off-host. */
  Request redirectedTo(Url target) {
    Map<String, String> kept = new LinkedHashMap<>(headers);
    if (!target.host().equals(url.host())) {
      // Credentials are never sent to another host (the registry's data endpoint uses a SAS).
      kept.keySet().removeIf(n -> n.equalsIgnoreCase("Authorization"));
    }
    return new Request(method, target, kept, body);
  }

  private static Map<String, String> pairs(String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("header names and values come in pairs");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return map;
  }
}
