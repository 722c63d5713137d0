package dev.isla.registry.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.MediaTypes;
import java.util.List;

/**
 * The JSON documents of the OCI image spec as the stand-in writes them: compact, with keys in the
 * order written here (Jackson keeps insertion order), so the bytes are the same on every run.
 */
final class OciDocuments {

  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  /** What {@code oras push} gives a file when no media type is named. */
  static final String ORAS_FILE = "application/vnd.oci.image.layer.v1.tar";
  /** What {@code oras push} records when no artifact type is named. */
  static final String ORAS_ARTIFACT = "application/vnd.unknown.artifact.v1";
  static final String TITLE = "org.opencontainers.image.title";
  static final String CREATED = "org.opencontainers.image.created";
  /** Every timestamp: fixed, so that generation is reproducible. */
  static final String EPOCH = "1970-01-01T00:00:00Z";
  /** The empty JSON object ({@code {}}) ORAS uses as an artifact's config. */
  static final byte[] EMPTY = {'{', '}'};

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OciDocuments() {}

  static byte[] imageConfig(String architecture, String entrypoint, Digest diffId) {
    ObjectNode config = NODES.objectNode();
    config.put("created", EPOCH);
    config.put("architecture", architecture);
    config.put("os", "linux");
    ObjectNode runtime = config.putObject("config");
    runtime.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    runtime.putArray("Entrypoint").add(entrypoint);
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids").add(diffId.toString());
    ObjectNode history = config.putArray("history").addObject();
    history.put("created", EPOCH);
    history.put("created_by", "isla mcr stand-in generator " + StandInContent.GENERATOR_VERSION);
    return bytes(config);
  }

  static byte[] imageManifest(byte[] config, byte[] layer) {
    ObjectNode manifest = manifestHead();
    manifest.set("config", descriptor(CONFIG, config));
    manifest.putArray("layers").add(descriptor(LAYER_GZIP, layer));
    return bytes(manifest);
  }

  /** An ORAS artifact manifest (image-spec 1.1 form) carrying one file named {@code title}. */
  static byte[] artifactManifest(byte[] file, String title) {
    ObjectNode manifest = manifestHead();
    manifest.put("artifactType", ORAS_ARTIFACT);
    ObjectNode config = descriptor(MediaTypes.OCI_EMPTY, EMPTY);
    config.put("data", "e30=");
    manifest.set("config", config);
    ObjectNode layer = descriptor(ORAS_FILE, file);
    layer.putObject("annotations").put(TITLE, title);
    manifest.putArray("layers").add(layer);
    manifest.putObject("annotations").put(CREATED, EPOCH);
    return bytes(manifest);
  }

  /** An OCI index of Linux image manifests, one per architecture, in the order given. */
  static byte[] index(List<String> architectures, List<StandInManifest> manifests) {
    ObjectNode index = NODES.objectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode list = index.putArray("manifests");
    for (int i = 0; i < manifests.size(); i++) {
      StandInManifest manifest = manifests.get(i);
      ObjectNode entry = list.addObject();
      entry.put("mediaType", manifest.mediaType());
      entry.put("digest", manifest.digest().toString());
      entry.put("size", manifest.size());
      ObjectNode platform = entry.putObject("platform");
      platform.put("architecture", architectures.get(i));
      platform.put("os", "linux");
    }
    return bytes(index);
  }

  private static ObjectNode manifestHead() {
    ObjectNode manifest = NODES.objectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    return manifest;
  }

  private static ObjectNode descriptor(String mediaType, byte[] content) {
    ObjectNode descriptor = NODES.objectNode();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", Digest.sha256(content).toString());
    descriptor.put("size", content.length);
    return descriptor;
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }
}
