package dev.isla.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ARM error value: {@code {"code","message","target","details"}}.
 *
 * @param code wire code, e.g. {@code InvalidParameter}
 * @param message human-readable text
 * @param target the offending property or resource, when known
 * @param details nested errors
 */
public record ArmError(String code, String message, Optional<String> target, List<ArmError> details) {

  public ArmError {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("an ARM error needs a code");
    }
    message = message == null ? "" : message;
    details = List.copyOf(details);
  }

  /** The inner object of a wrapped body, also the body of the flat form without {@code subcode}. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("code", code);
    node.put("message", message);
    target.ifPresent(t -> node.put("target", t));
    if (!details.isEmpty()) {
      ArrayNode array = node.putArray("details");
      details.forEach(d -> array.add(d.toJson()));
    }
    return node;
  }

  /** The body in the given format: {@code {"error":{…}}} or AKS's flat object. */
  public ObjectNode toBody(ErrorFormat format) {
    if (format == ErrorFormat.FLAT) {
      ObjectNode flat = toJson();
      flat.put("subcode", "");
      if (!flat.has("details")) {
        flat.putNull("details");
      }
      return flat;
    }
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.set("error", toJson());
    return wrapped;
  }

  /** Reads an error from either wire form; empty when {@code body} is neither. */
  public static Optional<ArmError> fromBody(JsonNode body) {
    if (body == null || !body.isObject()) {
      return Optional.empty();
    }
    JsonNode inner = body.has("error") && body.get("error").isObject() ? body.get("error") : body;
    // A blank code is no ARM error (ArmError refuses one): such a body or detail is ignored.
    if (!inner.hasNonNull("code") || inner.get("code").asText().isBlank()) {
      return Optional.empty();
    }
    List<ArmError> details = new ArrayList<>();
    if (inner.path("details").isArray()) {
      inner.get("details").forEach(d -> fromBody(d).ifPresent(details::add));
    }
    Optional<String> target =
        inner.hasNonNull("target") ? Optional.of(inner.get("target").asText()) : Optional.empty();
    return Optional.of(new ArmError(inner.get("code").asText(), inner.path("message").asText(""),
        target, details));
  }
}
