package dev.isla.registry.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.registry.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in's tar and gzip writers produce what standard tools read. */
class LayerFormatTest {

  @TempDir
  Path work;

  @Test
  void gzipHasAFixedHeaderAndRoundTripsAcrossStoredBlocks() throws IOException {
    byte[] data = new byte[200_000];
    new Random(7).nextBytes(data);
    byte[] gzip = Gzip.of(data);
    assertThat(Arrays.copyOf(gzip, 10))
        .containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
    assertThat(StandInContentTest.gunzip(gzip)).isEqualTo(data);
    assertThat(StandInContentTest.gunzip(Gzip.of(new byte[0]))).isEmpty();
  }

  @Test
  void tarListsParentsFirstWithFixedOwnersAndTimes() throws Exception {
    byte[] tar = Tar.of(List.of(
        new Tar.File("usr/local/bin/b", "b".getBytes(StandardCharsets.UTF_8), 0755),
        new Tar.File("etc/os-release", "x".getBytes(StandardCharsets.UTF_8), 0644)));
    Path file = work.resolve("layer.tar.gz");
    Files.write(file, Gzip.of(tar));
    String listing = tar("-tzvf", file.toString());
    assertThat(listing.lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList())
        .containsExactly("etc/", "etc/os-release", "usr/", "usr/local/", "usr/local/bin/",
            "usr/local/bin/b");
    assertThat(listing).contains("-rwxr-xr-x root/root", "1970-01-01");
    assertThatThrownBy(() -> Tar.of(List.of(new Tar.File("a", new byte[0], 0644),
        new Tar.File("a", new byte[0], 0644)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theKubernetesNodeArtifactExtractsAsAgentBakerExpects() throws Exception {
    StandInContent content = StandInContent.generate(List.of("1.30.3"));
    JsonNode manifest = StandInContentTest.read(content.manifestFor(
        "oss/binaries/kubernetes/kubernetes-node", "v1.30.3-linux-amd64").orElseThrow().bytes());
    Path file = work.resolve("kubernetes-node-linux-amd64.tar.gz");
    Files.write(file, content.blob(Digest.parse(
        manifest.path("layers").get(0).path("digest").asText())).orElseThrow());
    tar("-xzf", file.toString(), "-C", work.toString(), "--strip-components=3",
        "kubernetes/node/bin/kubelet", "kubernetes/node/bin/kubectl");
    Path kubelet = work.resolve("kubelet");
    assertThat(Files.isExecutable(kubelet)).isTrue();
    assertThat(run(kubelet.toString(), "--version")).isEqualTo("Kubernetes v1.30.3\n");
  }

  private String tar(String... args) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(
        Path.of("/bin/tar")), "tar is not installed");
    String[] command = new String[args.length + 1];
    command[0] = "tar";
    System.arraycopy(args, 0, command, 1, args.length);
    return run(command);
  }

  private String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
