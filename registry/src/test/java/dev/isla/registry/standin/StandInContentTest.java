package dev.isla.registry.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.MediaTypes;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the stand-in generates: reproducible, complete and valid OCI content. */
class StandInContentTest {

  /** The control plane's supported versions (KubernetesVersions.SUPPORTED) when written. */
  static final List<String> VERSIONS = List.of("1.29.15", "1.30.3", "1.30.10", "1.30.14",
      "1.31.8", "1.31.11", "1.32.4", "1.32.7", "1.33.2", "1.33.3");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StandInContent CONTENT = StandInContent.generate(VERSIONS);

  @TempDir
  Path work;

  @Test
  void twoGenerationsWriteIdenticalFolders() throws IOException {
    StandInContent.generate(VERSIONS).writeTo(new FilesystemDriver(work.resolve("a")), "mcr");
    StandInContent.generate(VERSIONS).writeTo(new FilesystemDriver(work.resolve("b")), "mcr");
    Map<String, Digest> a = tree(work.resolve("a"));
    assertThat(a).hasSizeGreaterThan(100).isEqualTo(tree(work.resolve("b")));
  }

  /**
   * Pinned digests: a change here means every node's content changes. If it was intended, bump
   * {@link StandInContent#GENERATOR_VERSION} and pin the new values.
   */
  @Test
  void digestsArePinned() {
    assertThat(CONTENT.manifestFor("oss/v2/kubernetes/pause", "3.10.2").orElseThrow().digest())
        .hasToString("sha256:fe86f9a90bf0c5c50f66067ea2c1f0da2b5b3013aa70e908dcd90d3a356e8fc6");
    byte[] node = CONTENT.manifestFor("oss/binaries/kubernetes/kubernetes-node",
        "v1.30.3-linux-amd64").orElseThrow().bytes();
    assertThat(layers(node).get(0).path("digest").asText()).isEqualTo("sha256:7479437546e054f47386e216e9bd78ceefaf79755cc5621bf4c0d5d0a3c43cfd");
  }

  @Test
  void everyManifestsBlobsExistAndHashToTheirDigests() {
    int checked = 0;
    for (String repository : CONTENT.repositories()) {
      for (StandInManifest manifest : CONTENT.manifests(repository)) {
        JsonNode root = read(manifest.bytes());
        assertThat(root.path("mediaType").asText()).isEqualTo(manifest.mediaType());
        for (JsonNode child : root.path("manifests")) {
          assertThat(CONTENT.manifestFor(repository, child.path("digest").asText()))
              .hasValueSatisfying(m -> assertThat(m.size()).isEqualTo(child.path("size").asInt()));
        }
        for (JsonNode descriptor : descriptors(root)) {
          Digest digest = Digest.parse(descriptor.path("digest").asText());
          assertThat(CONTENT.blobs(repository)).contains(digest);
          byte[] blob = CONTENT.blob(digest).orElseThrow();
          assertThat(Digest.sha256(blob)).isEqualTo(digest);
          assertThat(blob).hasSize(descriptor.path("size").asInt());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(150);
  }

  @Test
  void imageConfigsDescribeTheirPlatformAndLayers() throws IOException {
    for (String repository : CONTENT.repositories()) {
      for (StandInManifest manifest : CONTENT.manifests(repository)) {
        JsonNode root = read(manifest.bytes());
        for (JsonNode entry : root.path("manifests")) {
          JsonNode image = read(CONTENT.manifestFor(repository, entry.path("digest").asText())
              .orElseThrow().bytes());
          JsonNode config = read(blob(image.path("config")));
          assertThat(image.path("config").path("mediaType").asText())
              .isEqualTo("application/vnd.oci.image.config.v1+json");
          assertThat(config.path("os").asText()).isEqualTo("linux");
          assertThat(config.path("architecture").asText())
              .isEqualTo(entry.path("platform").path("architecture").asText());
          byte[] tar = gunzip(blob(image.path("layers").get(0)));
          assertThat(config.path("rootfs").path("diff_ids").get(0).asText())
              .isEqualTo(Digest.sha256(tar).toString());
        }
      }
    }
  }

  @Test
  void everyVersionHasItsImagesAndArtifacts() {
    for (String version : VERSIONS) {
      assertThat(CONTENT.manifestFor("oss/v2/kubernetes/kube-proxy", "v" + version)
          .orElseThrow().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
      for (String arch : List.of("amd64", "arm64")) {
        assertThat(CONTENT.manifestFor("oss/binaries/kubernetes/kubernetes-node",
            "v" + version + "-linux-" + arch)).isPresent();
      }
    }
    assertThat(CONTENT.tags("oss/binaries/kubernetes/azure-acr-credential-provider"))
        .contains("v1.30.14-linux-amd64", "v1.33.3-linux-arm64");
    assertThat(CONTENT.tags("oss/v2/kubernetes/coredns")).contains("v1.11.3-32", "v1.12.1-25");
    assertThat(CONTENT.tags("oss/kubernetes/pause")).containsExactly("3.6");
    assertThat(CONTENT.tags("containernetworking/azure-cni")).containsExactly("v1.6.43-0");
  }

  @Test
  void artifactsAreWhatOrasPushes() {
    JsonNode manifest = read(CONTENT.manifestFor("oss/binaries/kubernetes/kubernetes-node",
        "v1.31.8-linux-arm64").orElseThrow().bytes());
    assertThat(manifest.path("artifactType").asText())
        .isEqualTo("application/vnd.unknown.artifact.v1");
    assertThat(manifest.path("config").path("mediaType").asText())
        .isEqualTo(MediaTypes.OCI_EMPTY);
    assertThat(blob(manifest.path("config"))).asString().isEqualTo("{}");
    assertThat(manifest.path("layers").get(0).path("annotations")
        .path("org.opencontainers.image.title").asText())
        .isEqualTo("kubernetes-node-linux-arm64.tar.gz");
    JsonNode provider = read(CONTENT.manifestFor(
        "oss/binaries/kubernetes/azure-acr-credential-provider", "v1.31.8-linux-amd64")
        .orElseThrow().bytes());
    assertThat(provider.path("layers").get(0).path("annotations")
        .path("org.opencontainers.image.title").asText())
        .isEqualTo("azure-acr-credential-provider-linux-amd64-v1.31.8.tar.gz");
  }

  @Test
  void generationIsFastAndSmall() {
    long start = System.nanoTime();
    StandInContent content = StandInContent.generate(VERSIONS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).isLessThan(2_000);
    assertThat(content.size()).isLessThan(10L * 1024 * 1024);
  }

  @Test
  void unknownReferencesAreEmpty() {
    assertThat(CONTENT.manifestFor("oss/v2/kubernetes/pause", "9.9")).isEmpty();
    assertThat(CONTENT.manifestFor("no/such", "3.6")).isEmpty();
    assertThat(CONTENT.tags("no/such")).isEmpty();
    assertThat(CONTENT.blobs("no/such")).isEmpty();
  }

  static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  private static List<JsonNode> layers(byte[] manifest) {
    List<JsonNode> layers = new java.util.ArrayList<>();
    read(manifest).path("layers").forEach(layers::add);
    return layers;
  }

  private static List<JsonNode> descriptors(JsonNode manifest) {
    List<JsonNode> result = new java.util.ArrayList<>();
    if (manifest.has("config")) {
      result.add(manifest.get("config"));
    }
    manifest.path("layers").forEach(result::add);
    return result;
  }

  private static byte[] blob(JsonNode descriptor) {
    return CONTENT.blob(Digest.parse(descriptor.path("digest").asText())).orElseThrow();
  }

  private static Map<String, Digest> tree(Path root) throws IOException {
    Map<String, Digest> files = new TreeMap<>();
    try (var paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(path).toString(), Digest.sha256(Files.readAllBytes(path)));
      }
    }
    return files;
  }
}
