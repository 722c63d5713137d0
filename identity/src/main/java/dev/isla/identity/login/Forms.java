package dev.isla.identity.login;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Request parameters of the OAuth2 endpoints: {@code application/x-www-form-urlencoded} bodies
 * (first value wins) and the request's own base URL for discovery documents.
 */
final class Forms {

  /** Token requests are small; anything larger is not a token request. */
  static final int MAX_FORM_BYTES = 64 * 1024;

  private Forms() {}

  static Map<String, String> read(ServerRequest req) {
    Map<String, String> form = new LinkedHashMap<>();
    if (!req.content().hasEntity()) {
      return form;
    }
    String body;
    try (var in = req.content().inputStream()) {
      body = new String(in.readNBytes(MAX_FORM_BYTES), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      form.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return form;
  }

  static Optional<String> query(ServerRequest req, String name) {
    return req.query().first(name).asOptional().filter(v -> !v.isEmpty());
  }

  static Optional<String> value(Map<String, String> form, String name) {
    return Optional.ofNullable(form.get(name)).filter(v -> !v.isEmpty());
  }

  /** {@code https://host:port} as the client addressed this server. */
  static String baseUrl(ServerRequest req) {
    String host = req.headers().first(HeaderNames.HOST).orElse("127.0.0.1");
    return (req.isSecure() ? "https://" : "http://") + host;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
