package dev.isla.nodes.boot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.nodes.net.Response;
import java.io.IOException;
import java.util.Optional;

/**
 * A registry (or token endpoint) answered with an error status; the message carries its error
 * code and text as the registry wrote them ({@code {"errors":[{"code","message","detail"}]}}, the
 * detail when it is text, or an OAuth
 * {@code {"error","error_description"}}).
 */
public final class RegistryException extends IOException {

  private final int status;
  private final String code;

  RegistryException(String what, int status, String code, String detail) {
    super(what + ": " + status + (code.isEmpty() ? "" : " " + code) + (detail.isEmpty() ? ""
        : ": " + detail));
    this.status = status;
    this.code = code;
  }

  /** Reads the error body of {@code response} (at most 64 KiB). */
  static RegistryException of(String what, Response response) {
    String body = "";
    try {
      body = response.text(64 * 1024);
    } catch (IOException e) {
      // The status alone still says what happened.
    }
    Optional<JsonNode> json = parse(body);
    JsonNode first = json.map(j -> j.path("errors").path(0)).orElse(Json.object());
    String code = first.path("code").asText(json.map(j -> j.path("error").asText("")).orElse(""));
    String message = first.path("message").asText(
        json.map(j -> j.path("error_description").asText("")).orElse(body.strip()));
    // The spec's detail is where a registry says why (e.g. which upstream failed, and how).
    String detail = first.path("detail").isTextual() ? first.path("detail").asText("") : "";
    return new RegistryException(what, response.status(), code,
        detail.isBlank() ? message : message + " (" + detail + ")");
  }

  public int status() {
    return status;
  }

  /** The registry's error code ({@code NAME_UNKNOWN}, {@code UNAUTHORIZED} …); "" when none. */
  public String code() {
    return code;
  }

  private static Optional<JsonNode> parse(String body) {
    try {
      return body.isBlank() ? Optional.empty() : Optional.of(Json.parse(body));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
