package dev.isla.cli.arm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP response as the CLI sees it.
 *
 * @param status the status code
 * @param headers response headers, names lower-cased
 * @param body the body text, empty when there was none
 */
public record HttpExchange(int status, Map<String, List<String>> headers, String body) {

  public HttpExchange {
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
  }

  /** The first value of a header (case-insensitive name). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }
}
