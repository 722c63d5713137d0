package dev.isla.registry.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to upstream registries over HTTP ({@link HttpURLConnection}: blocking reads with a real
 * per-read timeout, which a stalled upstream needs, and a keep-alive pool). Handles the
 * anonymous token flow MCR and Docker Hub use: a 401 with {@code WWW-Authenticate: Bearer
 * realm=...,service=...,scope=...} is answered by fetching a token from the realm and retrying
 * once; tokens are reused per host and scope until shortly before they expire.
 */
public final class UpstreamClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final UpstreamMap upstreams;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  public UpstreamClient(UpstreamMap upstreams) {
    this(upstreams, Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  /** A client whose connects and individual reads fail after the given times. */
  public UpstreamClient(UpstreamMap upstreams, Duration connectTimeout, Duration readTimeout) {
    this.upstreams = upstreams;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** Sends {@code method path} to {@code host} with {@code accept}; the caller closes. */
  UpstreamResponse send(String method, String host, String path, String accept)
      throws IOException {
    String key = host + " " + scopeOf(path);
    Optional<String> token = Optional.ofNullable(tokens.get(key)).filter(Token::valid)
        .map(Token::value);
    UpstreamResponse response = open(method, host, path, accept, token);
    if (response.status() != 401) {
      return response;
    }
    Optional<String> challenge = response.header("WWW-Authenticate")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7));
    if (challenge.isEmpty()) {
      return response;
    }
    response.close();
    Token fresh = fetchToken(challenge.get());
    tokens.put(key, fresh);
    return open(method, host, path, accept, Optional.of(fresh.value()));
  }

  private UpstreamResponse open(String method, String host, String path, String accept,
      Optional<String> token) throws IOException {
    URI uri = URI.create(upstreams.baseFor(host) + path);
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod(method);
    connection.setConnectTimeout((int) connectTimeout.toMillis());
    connection.setReadTimeout((int) readTimeout.toMillis());
    connection.setRequestProperty("Accept", accept);
    connection.setRequestProperty("User-Agent", "isla-registry");
    token.ifPresent(t -> connection.setRequestProperty("Authorization", "Bearer " + t));
    return new UpstreamResponse(connection, connection.getResponseCode());
  }

  private Token fetchToken(String challenge) throws IOException {
    Map<String, String> params = new java.util.HashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = Optional.ofNullable(params.get("realm"))
        .orElseThrow(() -> new IOException("the upstream's Bearer challenge has no realm"));
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    Optional.ofNullable(params.get("service")).ifPresent(s -> url.append("service=")
        .append(URLEncoder.encode(s, StandardCharsets.UTF_8)).append('&'));
    Optional.ofNullable(params.get("scope")).ifPresent(s -> url.append("scope=")
        .append(URLEncoder.encode(s, StandardCharsets.UTF_8)));
    HttpURLConnection connection = (HttpURLConnection) realmUrl(url.toString()).openConnection();
    connection.setConnectTimeout((int) connectTimeout.toMillis());
    connection.setReadTimeout((int) readTimeout.toMillis());
    if (connection.getResponseCode() != 200) {
      throw new IOException("the upstream's token service answered "
          + connection.getResponseCode());
    }
    try (InputStream in = connection.getInputStream()) {
      JsonNode body = JSON.readTree(in);
      String value = body.path("token").asText(body.path("access_token").asText(""));
      if (value.isEmpty()) {
        throw new IOException("the upstream's token service returned no token");
      }
      long seconds = Math.max(60, body.path("expires_in").asLong(60));
      return new Token(value, System.nanoTime() + Duration.ofSeconds(seconds - 10).toNanos());
    }
  }

  /** The token URL; a realm that is not an absolute http(s) URL is the source's fault. */
  private static URL realmUrl(String url) throws IOException {
    try {
      URI uri = new URI(url);
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null) {
        throw new IOException("the upstream's token realm is not an http(s) URL: " + url);
      }
      return uri.toURL();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("the upstream's token realm is not a valid URL: " + url);
    }
  }

  /** {@code /v2/<repo>/...} → the repository, so tokens are reused per scope. */
  private static String scopeOf(String path) {
    int cut = Math.max(path.indexOf("/manifests/"), path.indexOf("/blobs/"));
    return cut < 0 ? path : path.substring(0, cut);
  }

  private record Token(String value, long expiresAtNanos) {
    boolean valid() {
      return System.nanoTime() < expiresAtNanos;
    }
  }
}
