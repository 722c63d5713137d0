package dev.isla.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isla.registry.OciLayout;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    Digest manifestDigest = OciLayout.write(source).manifest();
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
