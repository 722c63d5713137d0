package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP request as the ARM front door sees it, independent of the web server.
 *
 * @param method upper-case HTTP method
 * @param path decoded path, without query
 * @param query query parameters, names lower-cased, first value each
 * @param headers request headers, names lower-cased, first value each
 * @param body raw body bytes (empty when none)
 * @param baseUrl scheme and authority the client used, e.g. {@code http://127.0.0.1:4100}
 * @param caller who is calling, once the {@link ArmGate} admitted the request
 */
public record ArmRequest(String method, String path, Map<String, String> query,
    Map<String, String> headers, byte[] body, String baseUrl, Optional<Caller> caller) {

  private static final Pattern API_VERSION =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-(preview|alpha|beta|privatepreview))?");

  public ArmRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    body = body.clone();
    caller = caller == null ? Optional.empty() : caller;
  }

  /** A request not yet admitted (no caller). */
  public ArmRequest(String method, String path, Map<String, String> query,
      Map<String, String> headers, byte[] body, String baseUrl) {
    this(method, path, query, headers, body, baseUrl, Optional.empty());
  }

  public ArmRequest withCaller(Optional<Caller> who) {
    return new ArmRequest(method, path, query, headers, body, baseUrl, who);
  }

  /** The api-version, required and plausible (any dated version is accepted). */
  public String apiVersion(String supported) {
    String v = query.get("api-version");
    if (v == null || v.isBlank()) {
      throw ArmException.of(ArmErrorCode.MISSING_API_VERSION);
    }
    if (!API_VERSION.matcher(v).matches()) {
      throw ArmException.of(ArmErrorCode.INVALID_API_VERSION, v, supported);
    }
    return v;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /**
   * The body as a JSON object; an empty object when there is no body and {@code required} is
   * false.
   */
  public ObjectNode jsonBody(boolean required) {
    if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      if (required) {
        throw ArmException.of(ArmErrorCode.INVALID_REQUEST_CONTENT, "The request body is empty.");
      }
      return Json.object();
    }
    header("content-type").ifPresent(ct -> {
      String type = ct.toLowerCase(java.util.Locale.ROOT);
      if (!type.startsWith("application/json") && !type.startsWith("text/json")
          && !type.contains("+json")) {
        throw ArmException.of(ArmErrorCode.UNSUPPORTED_MEDIA_TYPE, ct);
      }
    });
    JsonNode node;
    try {
      node = Json.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_CONTENT, e.getMessage());
    }
    if (!node.isObject()) {
      throw ArmException.of(ArmErrorCode.INVALID_REQUEST_CONTENT,
          "Expected a JSON object, found " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
    }
    return (ObjectNode) node;
  }
}
