package dev.isla.nodes.net;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An absolute {@code http} or {@code https} URL as a node's clients use it: scheme, host (a name
 * or an IPv4 literal), port (the scheme's default when absent) and the request target (path and
 * query, at least {@code /}).
 */
public record Url(String scheme, String host, int port, String target) {

  private static final Pattern FORM =
      Pattern.compile("(?i)(https?)://([A-Za-z0-9.-]+)(?::(\\d{1,5}))?([/?][^#\\s]*)?(#.*)?");

  public Url {
    scheme = scheme.toLowerCase(Locale.ROOT);
    host = host.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("unsupported scheme: " + scheme);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (!target.startsWith("/")) {
      target = "/" + target;
    }
  }

  /**
   * Parses an absolute URL.
   *
   * @throws IllegalArgumentException when {@code text} is not an http(s) URL
   */
  public static Url parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an http(s) URL: " + text);
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : defaultPort(scheme);
    String target = m.group(4) == null ? "/" : m.group(4);
    return new Url(scheme, m.group(2), port, target);
  }

  /** A {@code Location} header's target, absolute or relative to this URL. */
  public Url resolve(String location) {
    if (location.matches("(?i)https?://.*")) {
      return parse(location);
    }
    if (location.startsWith("//")) {
      return parse(scheme + ":" + location);
    }
    if (location.startsWith("/")) {
      return new Url(scheme, host, port, location);
    }
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    return new Url(scheme, host, port, path.substring(0, path.lastIndexOf('/') + 1) + location);
  }

  /** Whether TLS is spoken (when the node's network has a TLS context). */
  public boolean secure() {
    return scheme.equals("https");
  }

  /** The {@code Host} header: the host, and the port when it is not the scheme's default. */
  public String authority() {
    return port == defaultPort(scheme) ? host : host + ":" + port;
  }

  @Override
  public String toString() {
    return scheme + "://" + authority() + target;
  }

  private static int defaultPort(String scheme) {
    return scheme.equalsIgnoreCase("https") ? 443 : 80;
  }
}
