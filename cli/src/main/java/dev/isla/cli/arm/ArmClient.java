package dev.isla.cli.arm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ArmError;
import dev.isla.arm.Json;
import dev.isla.cli.CliException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place the CLI talks to ARM. Paths are resolved against the cloud's base URL
 * ({@code ISLA_ARM_URL}); absolute URLs (operation status, {@code Location}) are used as given.
 * A bearer token, when the supplier yields one, is added here and only here.
 */
public final class ArmClient {

  private final URI base;
  private final Http1Client http = new Http1Client();
  private final HttpTrace trace;
  private final Supplier<Optional<String>> bearerToken;

  public ArmClient(URI base, HttpTrace trace, Supplier<Optional<String>> bearerToken) {
    this.base = base;
    this.trace = trace;
    this.bearerToken = bearerToken;
  }

  /** {@code path?api-version=v} (or {@code &api-version=} when the path has a query). */
  public static String withApiVersion(String path, String apiVersion) {
    return path + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
  }

  /** Percent-encodes one query value ({@code $filter=roleName eq 'x'}). */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Resolves a path against the base URL; absolute URLs stay as they are. */
  public URI resolve(String pathOrUrl) {
    if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
      return URI.create(pathOrUrl);
    }
    String root = base.toString().replaceAll("/+$", "");
    return URI.create(root + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl);
  }

  /** Sends a request and returns whatever came back, errors included. */
  public HttpExchange exchange(String method, String pathOrUrl, Optional<JsonNode> body) {
    URI uri = resolve(pathOrUrl);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("User-Agent", "isla-az/0.1");
    body.ifPresent(b -> headers.put("Content-Type", "application/json"));
    bearerToken.get().ifPresent(t -> headers.put("Authorization", "Bearer " + t));
    String text = body.map(Json::write).orElse("");
    trace.request(method, uri, headers, text);
    try {
      HttpExchange response =
          http.send(method, uri, headers, text.getBytes(StandardCharsets.UTF_8));
      trace.response(method, uri, response);
      return response;
    } catch (IOException e) {
      throw new CliException("Failed to connect to the Isla cloud at " + uri.getScheme() + "://"
          + uri.getAuthority() + ": " + e.getMessage()
          + ". Is it running? Start one with 'bin/isla start --data DIR'.");
    }
  }

  /** Sends a request; an error status becomes an {@link ArmCallException}. */
  public HttpExchange send(String method, String pathOrUrl, Optional<JsonNode> body) {
    HttpExchange response = exchange(method, pathOrUrl, body);
    if (response.status() >= 400) {
      throw failure(response);
    }
    return response;
  }

  /** GETs JSON; an error status becomes an {@link ArmCallException}. */
  public JsonNode get(String pathOrUrl) {
    return bodyOf(send("GET", pathOrUrl, Optional.empty())).orElse(Json.object());
  }

  /** The JSON body of a response, if it has one. */
  public static Optional<JsonNode> bodyOf(HttpExchange response) {
    String text = response.body().strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The exception az would raise for an error response. */
  public static CliException failure(HttpExchange response) {
    Optional<ArmError> error = bodyOf(response).flatMap(ArmError::fromBody);
    if (error.isPresent()) {
      return new ArmCallException(error.get(), response.status());
    }
    String content = response.body().isBlank() ? "" : "\nContent: " + response.body().strip();
    return new CliException("Operation returned an invalid status '" + reason(response.status())
        + "'" + content, response.status() == 404 ? 3 : 1);
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 500 -> "Internal Server Error";
      default -> "HTTP " + status;
    };
  }
}
