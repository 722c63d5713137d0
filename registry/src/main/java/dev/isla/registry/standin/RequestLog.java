package dev.isla.registry.standin;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the stand-in receives, by method and path (query left out), so that a
 * user or a benchmark can check what the registries in front of it asked upstream — for
 * example that a cache rule fetched each blob exactly once. Routed before the registry API; it
 * only observes.
 */
public final class RequestLog implements HttpService {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void routing(HttpRules rules) {
    rules.any((req, res) -> {
      counts.computeIfAbsent(req.prologue().method().text() + " " + req.path().path(),
          k -> new LongAdder()).increment();
      res.next();
    });
  }

  /** {@code "GET /v2/…/blobs/sha256:…"} → how many times, sorted by key. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
