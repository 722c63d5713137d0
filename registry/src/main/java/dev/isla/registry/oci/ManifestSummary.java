package dev.isla.registry.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the registry reads from a manifest's JSON (the bytes themselves are stored untouched):
 * its media type, the blobs it needs ({@code config}, {@code layers}, {@code blobs}), the
 * manifests it lists ({@code manifests}), its {@code subject} and artifact type.
 */
public record ManifestSummary(Optional<String> mediaType, Optional<Descriptor> config,
    List<Descriptor> layers, List<Descriptor> manifests, Optional<Descriptor> subject,
    Optional<String> artifactType, Optional<ObjectNode> annotations) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses manifest bytes; {@link IllegalArgumentException} when they are not a manifest. */
  public static ManifestSummary parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the manifest is not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the manifest cannot be read");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the manifest is not a JSON object");
    }
    if (root.path("schemaVersion").asInt(-1) != 2) {
      throw new IllegalArgumentException("only schemaVersion 2 manifests are supported");
    }
    List<Descriptor> layers = descriptors(root.path("layers"));
    layers.addAll(descriptors(root.path("blobs")));
    return new ManifestSummary(text(root, "mediaType"), optionalDescriptor(root.path("config")),
        layers, descriptors(root.path("manifests")), optionalDescriptor(root.path("subject")),
        text(root, "artifactType"),
        root.path("annotations").isObject()
            ? Optional.of((ObjectNode) root.get("annotations")) : Optional.empty());
  }

  /** The artifact type a referrers response shows: {@code artifactType}, else the config's. */
  public Optional<String> effectiveArtifactType() {
    return artifactType.or(() -> config.map(Descriptor::mediaType));
  }

  private static List<Descriptor> descriptors(JsonNode array) {
    List<Descriptor> result = new ArrayList<>();
    if (array.isMissingNode() || array.isNull()) {
      return result;
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("a descriptor list is not an array");
    }
    array.forEach(node -> result.add(Descriptor.parse(node)));
    return result;
  }

  private static Optional<Descriptor> optionalDescriptor(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? Optional.empty()
        : Optional.of(Descriptor.parse(node));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
