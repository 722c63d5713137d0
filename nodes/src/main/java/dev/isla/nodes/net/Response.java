package dev.isla.nodes.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP response whose body is still on the wire: read {@link #body()} (bounded by its
 * {@code Content-Length} or its chunks) and close the response, which closes the connection.
 *
 * @param url the URL that answered (after redirects)
 * @param status e.g. 200
 * @param reason the reason phrase, possibly empty
 * @param headers lower-cased names → values in arrival order
 */
public record Response(Url url, int status, String reason, Map<String, List<String>> headers,
    InputStream body) implements AutoCloseable {

  public Response {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (case-insensitive name). */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)))
        .filter(v -> !v.isEmpty()).map(List::getFirst);
  }

  /**
   * The body as UTF-8 text, at most {@code limit} bytes (the rest is left unread).
   *
   * @throws IOException when the connection fails while reading
   */
  public String text(int limit) throws IOException {
    return new String(body.readNBytes(limit), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
