package dev.isla.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isla.registry.Oci;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client: {@code skopeo copy} pushes an OCI layout made here to the registry and pulls
 * it back into another layout; every digest must survive the round trip. Skipped when skopeo
 * is not installed ({@code .ci/packages.txt} installs it in CI).
 */
class SkopeoIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path work;

  @Test
  void pushAndPullRoundTripKeepsEveryDigest() throws Exception {
    assumeTrue(skopeoInstalled(), "skopeo is not installed (apt-get install -y skopeo)");
    Path source = work.resolve("source");
    Digest manifestDigest = writeLayout(source);
    try (RegistryFixture fixture = new RegistryFixture(new FilesystemDriver(work.resolve("data")),
        UpstreamMap.direct(), Duration.ofMinutes(5), List.of(),
        Optional.of(RegistryFixture.LOGIN_SERVER))) {
      String image = "docker://127.0.0.1:" + fixture.server.port() + "/skopeo/app:v1";
      run("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false",
          "oci:" + source + ":v1", image);
      String raw = run("skopeo", "inspect", "--raw", "--tls-verify=false", image);
      assertThat(Digest.sha256(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(manifestDigest);
      Path copy = work.resolve("copy");
      run("skopeo", "copy", "--preserve-digests", "--src-tls-verify=false", image,
          "oci:" + copy + ":v1");
      JsonNode index = JSON.readTree(copy.resolve("index.json").toFile());
      assertThat(index.path("manifests").get(0).path("digest").asText())
          .isEqualTo(manifestDigest.toString());
      try (var blobs = Files.list(source.resolve("blobs/sha256"))) {
        for (Path blob : blobs.toList()) {
          assertThat(copy.resolve("blobs/sha256").resolve(blob.getFileName()))
              .hasSameBinaryContentAs(blob);
        }
      }
    }
  }

  /** An OCI image layout with one gzip'd tar layer; returns the manifest digest. */
  private static Digest writeLayout(Path layout) throws IOException {
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    byte[] layer = gzip(tarWithOneFile("hello.txt", Oci.utf8("hello from isla\n")));
    byte[] config = Oci.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":"
        + "{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{}}");
    byte[] manifest = Oci.imageManifest(config, layer);
    for (byte[] blob : new byte[][] {layer, config, manifest}) {
      Files.write(layout.resolve("blobs/sha256").resolve(Digest.sha256(blob).hex()), blob);
    }
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{"
        + "\"mediaType\":\"" + Oci.OCI_MANIFEST + "\",\"digest\":\"" + Digest.sha256(manifest)
        + "\",\"size\":" + manifest.length + ",\"annotations\":{\"org.opencontainers.image"
        + ".ref.name\":\"v1\"}}]}");
    return Digest.sha256(manifest);
  }

  private static byte[] tarWithOneFile(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    int padded = (content.length + 511) / 512 * 512;
    byte[] tar = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, tar, 0, 512);
    System.arraycopy(content, 0, tar, 512, content.length);
    return tar;
  }

  private static void put(byte[] target, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, target, offset, bytes.length);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static boolean skopeoInstalled() {
    try {
      return new ProcessBuilder("skopeo", "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .directory(work.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
