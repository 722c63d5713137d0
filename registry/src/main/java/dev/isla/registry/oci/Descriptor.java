package dev.isla.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A content descriptor (image-spec "descriptor.md"): media type, digest and size, plus the
 * optional fields the registry looks at. {@link #json()} keeps the whole original object.
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<String> platformOs,
    Optional<String> platformArchitecture, ObjectNode json) {

  /** Reads a descriptor object; throws {@link IllegalArgumentException} when malformed. */
  public static Descriptor parse(JsonNode node) {
    if (!(node instanceof ObjectNode object) || !node.path("digest").isTextual()
        || !node.path("size").canConvertToLong() || node.path("size").asLong() < 0) {
      throw new IllegalArgumentException("a descriptor needs a digest and a size");
    }
    JsonNode platform = node.path("platform");
    return new Descriptor(node.path("mediaType").asText(""),
        Digest.parse(node.get("digest").asText()), node.get("size").asLong(),
        text(platform, "os"), text(platform, "architecture"), object);
  }

  /** A descriptor built from parts (for referrers responses). */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("mediaType", mediaType);
    json.put("digest", digest.toString());
    json.put("size", size);
    return new Descriptor(mediaType, digest, size, Optional.empty(), Optional.empty(), json);
  }

  /**
   * Whether a registry may lack this blob: non-distributable ("foreign") layers live at their
   * {@code urls}, not in the registry.
   */
  public boolean nonDistributable() {
    return mediaType.contains("nondistributable") || mediaType.contains("foreign");
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
