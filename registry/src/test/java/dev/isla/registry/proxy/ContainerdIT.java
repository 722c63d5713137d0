package dev.isla.registry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.isla.registry.OciLayout;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node runtime pulling through a cache rule, as an AKS node does: a private containerd
 * (config, root, state and sockets under a temp folder, CRI disabled) resolves
 * {@code mcr.microsoft.com/...} through {@code certs.d/mcr.microsoft.com/hosts.toml} written the
 * way AgentBaker writes it ({@code override_path} onto {@code /v2/aks-managed-repository}), to
 * Isla's registry, whose rule {@code mcr.microsoft.com/*} ⇒ {@code aks-managed-repository/*}
 * reaches a local Debian {@code docker-registry} holding an image pushed by skopeo. Skipped
 * unless run as root with containerd, ctr, docker-registry and skopeo installed.
 */
class ContainerdIT {

  private static final String IMAGE_REPO = "isla/test/hello";
  private static final Duration STEP = Duration.ofSeconds(60);

  @TempDir
  Path work;

  private final List<Process> processes = new ArrayList<>();
  private RegistryFixture fixture;

  @AfterEach
  void stop() throws InterruptedException {
    if (fixture != null) {
      fixture.close();
    }
    for (Process process : processes.reversed()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void ctrPullsAnMcrImageThroughTheHostsTomlMirrorWithOneUpstreamFetchPerBlob()
      throws Exception {
    assumeTrue(isRoot(), "containerd needs root: run as root to include this test");
    for (String tool : List.of("containerd", "ctr", "docker-registry", "skopeo")) {
      assumeTrue(installed(tool), tool + " is not installed (apt-get install -y containerd "
          + "docker-registry skopeo)");
    }
    OciLayout image = OciLayout.write(work.resolve("layout"));
    int upstreamPort = freePort();
    Path upstreamLog = startDockerRegistry(upstreamPort);
    run(STEP, "skopeo", "copy", "--dest-tls-verify=false", "oci:" + work.resolve("layout") + ":v1",
        "docker://127.0.0.1:" + upstreamPort + "/" + IMAGE_REPO + ":1.0");
    long pushLines = Files.readAllLines(upstreamLog).size();
    fixture = new RegistryFixture(new FilesystemDriver(work.resolve("isla")),
        new UpstreamMap(Map.of("mcr.microsoft.com",
            URI.create("http://127.0.0.1:" + upstreamPort))), Duration.ofMinutes(5),
        List.of(new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*",
            "aks-managed-repository/*")), Optional.of(RegistryFixture.LOGIN_SERVER));
    Path hostsDir = writeHostsToml(fixture.server.port());
    Path socket = startContainerd();
    String ref = "mcr.microsoft.com/" + IMAGE_REPO + ":1.0";

    run(STEP, ctr(socket, "content", "fetch", "--hosts-dir", hostsDir.toString(), ref));
    String content = run(STEP, ctr(socket, "content", "ls", "-q"));
    assertThat(content).contains(image.manifest().toString(), image.config().toString(),
        image.layer().toString());
    run(STEP, ctr(socket, "images", "pull", "--snapshotter", "native", "--hosts-dir",
        hostsDir.toString(), ref));
    assertThat(run(STEP, ctr(socket, "images", "ls")))
        .contains(ref).contains(image.manifest().toString());

    List<String> pulls = Files.readAllLines(upstreamLog).stream().skip(pushLines).toList();
    for (Digest blob : List.of(image.config(), image.layer())) {
      assertThat(pulls.stream().filter(line -> line.contains("\"GET /v2/" + IMAGE_REPO
          + "/blobs/" + blob + " ")).count()).as("upstream GETs of %s in\n%s", blob,
              String.join("\n", pulls)).isEqualTo(1);
    }
  }

  private Path startDockerRegistry(int port) throws IOException {
    Path config = work.resolve("upstream.yml");
    Files.writeString(config, "version: 0.1\n"
        + "log: {level: warn, accesslog: {disabled: false}}\n"
        + "storage: {filesystem: {rootdirectory: " + work.resolve("upstream") + "}}\n"
        + "http: {addr: 127.0.0.1:" + port + "}\n");
    Path log = work.resolve("upstream-access.log");
    start(log, "docker-registry", "serve", config.toString());
    awaitCommand("docker-registry on port " + port,
        "curl", "-sf", "-o", "/dev/null", "--max-time", "1", "http://127.0.0.1:" + port + "/v2/");
    return log;
  }

  private Path writeHostsToml(int registryPort) throws IOException {
    Path hostsDir = work.resolve("certs.d");
    Path mcr = Files.createDirectories(hostsDir.resolve("mcr.microsoft.com"));
    // As AgentBaker writes it, plus a local `server`: if the mirror failed, containerd would
    // fall back to the real mcr.microsoft.com, and a test must never leave the machine.
    Files.writeString(mcr.resolve("hosts.toml"), "server = \"http://127.0.0.1:9\"\n\n"
        + "[host.\"http://127.0.0.1:" + registryPort + "/v2/aks-managed-repository\"]\n"
        + "  capabilities = [\"pull\", \"resolve\"]\n"
        + "  override_path = true\n");
    return hostsDir;
  }

  private Path startContainerd() throws IOException {
    Path socket = work.resolve("containerd.sock");
    Path config = work.resolve("containerd.toml");
    Files.writeString(config, "version = 2\n"
        + "root = \"" + work.resolve("root") + "\"\n"
        + "state = \"" + work.resolve("state") + "\"\n"
        + "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n"
        + "[grpc]\n  address = \"" + socket + "\"\n"
        + "[ttrpc]\n  address = \"" + work.resolve("containerd-ttrpc.sock") + "\"\n"
        + "[debug]\n  address = \"" + work.resolve("containerd-debug.sock") + "\"\n"
        + "[plugins.\"io.containerd.internal.v1.opt\"]\n  path = \"" + work.resolve("opt")
        + "\"\n");
    start(work.resolve("containerd.log"), "containerd", "--config", config.toString());
    awaitCommand("containerd at " + socket,
        "ctr", "--address", socket.toString(), "version");
    return socket;
  }

  private static String[] ctr(Path socket, String... args) {
    List<String> command = new ArrayList<>(List.of("ctr", "--address", socket.toString(),
        "--namespace", "isla-test"));
    command.addAll(List.of(args));
    return command.toArray(String[]::new);
  }

  private void start(Path log, String... command) throws IOException {
    processes.add(new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start());
  }

  /** Runs {@code command} until it succeeds (at most 20 s). */
  private void awaitCommand(String what, String... command) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (exitCode(Duration.ofSeconds(5), command) == 0) {
        return;
      }
      sleep(200);
    }
    throw new AssertionError(what + " did not come up within 20 s; logs in " + work);
  }

  private int exitCode(Duration limit, String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String run(Duration limit, String... command) throws IOException,
      InterruptedException {
    Path output = Files.createTempFile(work, "out", ".txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).redirectInput(new File("/dev/null")).start();
    boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(ended).as("%s did not end within %s\n%s", String.join(" ", command), limit, text)
        .isTrue();
    assertThat(process.exitValue()).as("%s\n%s", String.join(" ", command), text).isZero();
    return text;
  }

  private static boolean isRoot() {
    try {
      Process process = new ProcessBuilder("id", "-u").start();
      String uid = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(10, TimeUnit.SECONDS) && uid.trim().equals("0");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static boolean installed(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
