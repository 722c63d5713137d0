package dev.isla.registry.proxy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each upstream registry host is reached: {@code mcr.microsoft.com=http://127.0.0.1:5001}
 * sends that host's traffic to a local stand-in; a host without an entry is reached at
 * {@code https://<host>}. Tests always map every host, so they never touch the internet.
 */
public record UpstreamMap(Map<String, URI> bases) {

  public UpstreamMap {
    Map<String, URI> lower = new HashMap<>();
    bases.forEach((host, uri) -> lower.put(host.toLowerCase(Locale.ROOT), uri));
    bases = Map.copyOf(lower);
  }

  /** No mappings: every upstream at {@code https://<host>}. */
  public static UpstreamMap direct() {
    return new UpstreamMap(Map.of());
  }

  /** Parses {@code host=url} entries (e.g. from {@code --upstream} options). */
  public static UpstreamMap parse(List<String> entries) {
    Map<String, URI> bases = new HashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("an upstream is host=url, got '" + entry + "'");
      }
      URI uri = URI.create(entry.substring(equals + 1).replaceAll("/+$", ""));
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("an upstream URL is http(s)://host[:port][/path]: " + entry);
      }
      bases.put(entry.substring(0, equals), uri);
    }
    return new UpstreamMap(bases);
  }

  /** The base URL (no trailing slash) for {@code host}. */
  public URI baseFor(String host) {
    return bases.getOrDefault(host.toLowerCase(Locale.ROOT), URI.create("https://" + host));
  }
}
