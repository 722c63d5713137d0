package dev.isla.registry.api;

import java.util.List;
import java.util.Optional;

/**
 * {@code n}/{@code last} pagination of tag and catalog lists (spec "Listing Tags"): entries
 * after {@code last}, at most {@code n} (clamped to {@link #MAX}), and a {@code Link} header
 * when more remain.
 */
record Pagination(Optional<Integer> n, Optional<String> last) {

  /** The most entries one page holds, whatever {@code n} asks for. */
  static final int MAX = 1000;

  static Pagination parse(Exchange exchange) {
    Optional<Integer> n = exchange.query("n").map(text -> {
      try {
        int value = Integer.parseInt(text);
        if (value < 0) {
          throw new NumberFormatException();
        }
        return Math.min(value, MAX);
      } catch (NumberFormatException e) {
        if (text.matches("\\d+")) {
          return MAX;
        }
        throw RegistryErrorCode.PAGINATION_NUMBER_INVALID.exception(
            "n must be a non-negative integer, got '" + text + "'");
      }
    });
    return new Pagination(n, exchange.query("last").filter(l -> !l.isEmpty()));
  }

  /** The page of {@code sorted}; writes {@code Link} on {@code exchange} when more remain. */
  List<String> page(List<String> sorted, Exchange exchange, String path) {
    List<String> after = last.map(l -> sorted.stream().filter(e -> e.compareTo(l) > 0).toList())
        .orElse(sorted);
    int size = n.orElse(Math.max(after.size(), 0));
    if (n.isEmpty() || after.size() <= size) {
      return after;
    }
    List<String> page = after.subList(0, size);
    if (!page.isEmpty()) {
      exchange.header("Link", "<" + path + "?n=" + size + "&last=" + page.get(size - 1)
          + ">; rel=\"next\"");
    }
    return page;
  }
}
