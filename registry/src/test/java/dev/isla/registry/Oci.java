package dev.isla.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.oci.Digest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Push helpers and sample content for component tests. */
public final class Oci {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  private Oci() {}

  public static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Monolithic push ({@code POST ?digest=}); returns the digest. */
  public static Digest pushBlob(OciClient client, String repository, byte[] content) {
    Digest digest = Digest.sha256(content);
    HttpResponse<byte[]> response = client.post("/v2/" + repository + "/blobs/uploads/?digest="
        + digest, content);
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(201);
    return digest;
  }

  /** A descriptor JSON object. */
  public static String descriptor(String mediaType, byte[] content) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.sha256(content)
        + "\",\"size\":" + content.length + "}";
  }

  /** An OCI image manifest for a config and layers (already pushed or not). */
  public static byte[] imageManifest(byte[] config, byte[]... layers) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST
        + "\",\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", config)
        + ",\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      json.append(i == 0 ? "" : ",").append(descriptor(
          "application/vnd.oci.image.layer.v1.tar+gzip", layers[i]));
    }
    return utf8(json.append("]}").toString());
  }

  /** Pushes config, layers and the image manifest under {@code tag}; returns the manifest. */
  public static byte[] pushImage(OciClient client, String repository, String tag, long seed) {
    byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}");
    byte[] layer = random(3000, seed);
    pushBlob(client, repository, config);
    pushBlob(client, repository, layer);
    byte[] manifest = imageManifest(config, layer);
    HttpResponse<byte[]> response = client.put("/v2/" + repository + "/manifests/" + tag,
        manifest, "Content-Type", OCI_MANIFEST);
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(201);
    return manifest;
  }

  /** The error code of an error response. */
  public static String errorCode(HttpResponse<byte[]> response) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    int at = body.indexOf("\"code\":\"");
    return at < 0 ? body : body.substring(at + 8, body.indexOf('"', at + 8));
  }
}
