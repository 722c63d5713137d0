package dev.isla.registry.standin;

import static dev.isla.registry.Oci.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.registry.Oci;
import dev.isla.registry.OciClient;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.MediaTypes;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in MCR over HTTP: anonymous pulls, refused pushes, reuse of its data folder, a real
 * client (skopeo) and an Isla registry pulling through from it with AKS's cache rule.
 */
class StandInMcrIT {

  static final List<String> VERSIONS = StandInContentTest.VERSIONS;

  /** One stand-in folder for the tests that serve it: generated once, then reused. */
  @TempDir
  static Path shared;

  @TempDir
  Path data;

  @Test
  void answersAnonymousPullsAsMcrAndRefusesPushes() {
    try (StandInMcr mcr = StandInMcr.start(shared, VERSIONS, "127.0.0.1", 0)) {
      OciClient client = new OciClient(mcr.port(), StandInMcr.HOST);
      assertThat(client.get("/v2/").statusCode()).isEqualTo(200);
      StandInManifest expected =
          mcr.content().manifestFor("oss/v2/kubernetes/pause", "3.10.2").orElseThrow();
      HttpResponse<byte[]> manifest = client.get("/v2/oss/v2/kubernetes/pause/manifests/3.10.2",
          "Accept", MediaTypes.OCI_INDEX);
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(manifest.body()).isEqualTo(expected.bytes());
      assertThat(manifest.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
      assertThat(manifest.headers().firstValue("Docker-Content-Digest"))
          .hasValue(expected.digest().toString());
      assertThat(new String(client.get("/v2/oss/v2/kubernetes/kube-proxy/tags/list").body(),
          StandardCharsets.UTF_8)).contains("v1.33.3", "v1.29.15");
      HttpResponse<byte[]> push = client.post("/v2/oss/v2/kubernetes/pause/blobs/uploads/",
          new byte[0]);
      assertThat(push.statusCode()).isEqualTo(403);
      assertThat(errorCode(push)).isEqualTo("DENIED");
      HttpResponse<byte[]> delete = client.delete("/v2/oss/v2/kubernetes/pause/manifests/"
          + expected.digest());
      assertThat(errorCode(delete)).isEqualTo("DENIED");
      assertThat(client.get("/v2/oss/v2/kubernetes/pause/manifests/3.10.2").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void theDataFolderIsReusedAndRegeneratedWhenItsStampDiffers() throws IOException {
    StandInContent content = StandInContent.generate(List.of("1.30.3"));
    Path folder = StandInMcr.prepare(data, content);
    assertThat(folder).isEqualTo(data.resolve("mcr"));
    Path marker = Files.writeString(folder.resolve("marker"), "kept");
    StandInMcr.prepare(data, content);
    assertThat(marker).exists();
    StandInMcr.prepare(data, StandInContent.generate(List.of("1.30.3", "1.31.8")));
    assertThat(marker).doesNotExist();
    assertThat(Files.readString(folder.resolve(StandInMcr.STAMP))).contains("1.31.8");
    Files.writeString(folder.resolve(StandInMcr.STAMP), "isla-mcr-standin 0\n");
    Files.writeString(marker, "stale");
    StandInMcr.prepare(data, content);
    assertThat(marker).doesNotExist();
    assertThat(data.resolve("mcr.generating")).doesNotExist();
  }

  @Test
  void skopeoCopiesAnImageWithItsDigest() throws Exception {
    assumeTrue(installed("skopeo"), "skopeo is not installed (apt-get install -y skopeo)");
    try (StandInMcr mcr = StandInMcr.start(shared, VERSIONS, "127.0.0.1", 0)) {
      Path layout = data.resolve("layout");
      run("skopeo", "copy", "--override-arch", "amd64", "--override-os", "linux",
          "docker://127.0.0.1:" + mcr.port() + "/oss/v2/kubernetes/pause:3.10.2",
          "oci:" + layout + ":x", "--src-tls-verify=false");
      JsonNode index = StandInContentTest.read(Files.readAllBytes(layout.resolve("index.json")));
      JsonNode amd64 = StandInContentTest.read(mcr.content()
          .manifestFor("oss/v2/kubernetes/pause", "3.10.2").orElseThrow().bytes())
          .path("manifests").get(0);
      assertThat(amd64.path("platform").path("architecture").asText()).isEqualTo("amd64");
      assertThat(index.path("manifests").get(0).path("digest").asText())
          .isEqualTo(amd64.path("digest").asText());
    }
  }

  @Test
  void anIslaRegistryPullsTheKubernetesNodeArtifactThroughAksCacheRule() throws IOException {
    String repository = "oss/binaries/kubernetes/kubernetes-node";
    try (StandInMcr mcr = StandInMcr.start(shared, VERSIONS, "127.0.0.1", 0);
        RegistryFixture acr = new RegistryFixture(new FilesystemDriver(data.resolve("acr")),
            new UpstreamMap(Map.of(StandInMcr.HOST, mcr.baseUri())), Duration.ofMinutes(5),
            List.of(new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*",
                "aks-managed-repository/*")))) {
      StandInManifest expected =
          mcr.content().manifestFor(repository, "v1.30.3-linux-amd64").orElseThrow();
      String base = "/v2/aks-managed-repository/" + repository;
      HttpResponse<byte[]> manifest = acr.client.get(base + "/manifests/v1.30.3-linux-amd64",
          "Accept", MediaTypes.OCI_MANIFEST);
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(manifest.body()).isEqualTo(expected.bytes());
      assertThat(manifest.headers().firstValue("Docker-Content-Digest"))
          .hasValue(expected.digest().toString());
      JsonNode root = StandInContentTest.read(manifest.body());
      for (JsonNode descriptor : List.of(root.path("config"), root.path("layers").get(0))) {
        Digest digest = Digest.parse(descriptor.path("digest").asText());
        HttpResponse<byte[]> blob = acr.client.get(base + "/blobs/" + digest);
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(Digest.sha256(blob.body())).isEqualTo(digest);
      }
      assertThat(acr.client.get(base + "/manifests/" + expected.digest()).body())
          .isEqualTo(expected.bytes());
      assertThat(Oci.errorCode(acr.client.get(base + "/manifests/v0.0.1-linux-amd64")))
          .isEqualTo("MANIFEST_UNKNOWN");
    }
  }

  private static boolean installed(String tool) {
    try {
      return new ProcessBuilder(tool, "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .directory(data.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
