package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.isla.arm.Json;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real clients reaching a registry of a running instance from this machine, configured by what
 * {@code isla registry config} prints: the output is valid (TOML lines, JSON, shell) and names
 * files that exist; {@code skopeo} pushes over HTTPS in path mode and pulls back through the
 * printed {@code registries.conf} with identical digests; a private containerd pulls through the
 * printed {@code hosts.toml} with Isla's CA. The clients are skipped, with the reason, when the
 * tool is missing (containerd also needs root).
 */
class RegistryClientsIT {

  private static final Duration STEP = Duration.ofSeconds(60);
  private static final String IMAGE = "oss/kubernetes/pause:3.6";

  @TempDir static Path data;
  @TempDir static Path work;

  private static IslaServer server;
  private static final List<Process> processes = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = new IslaServer(new IslaConfig(data, "127.0.0.1", 0, Duration.ofMillis(10),
        Duration.ofMillis(10)));
    String sub = server.state().armUrl() + "/subscriptions/" + server.state().subscriptionId();
    HttpClient http = HttpClient.newHttpClient();
    put(http, sub + "/resourceGroups/rg1?api-version=2024-11-01", "{\"location\":\"eastus\"}");
    put(http, sub + "/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries/myreg"
        + "?api-version=2023-07-01", "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"}}");
    for (int i = 0; i < 300 && !http.send(HttpRequest.newBuilder(URI.create(sub
        + "/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries/myreg"
        + "?api-version=2023-07-01")).build(), HttpResponse.BodyHandlers.ofString()).body()
        .contains("\"Succeeded\""); i++) {
      Thread.sleep(50);
    }
  }

  private static void put(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (Process process : processes.reversed()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    server.close();
  }

  @Test
  void printedConfigurationsAreValidAndNameExistingFiles() throws Exception {
    int https = port(server.state().registryHttpsUrl());
    int http = port(server.state().registryUrl());
    for (String tool : List.of("containerd", "skopeo", "podman")) {
      for (String scheme : List.of("--https", "--http")) {
        String text = config(tool, "myreg", scheme);
        assertThat(text).as(tool + scheme).startsWith("# ");
        List<String> lines = tomlLines(text);
        int listener = scheme.equals("--https") ? https : http;
        if (tool.equals("containerd")) {
          assertThat(lines).contains("server = \"https://myreg.azurecr.io\"",
              "[host.\"" + scheme.substring(2) + "://127.0.0.1:" + listener + "/v2/myreg\"]",
              "override_path = true");
        } else {
          assertThat(lines).containsExactly("[[registry]]", "prefix = \"myreg.azurecr.io\"",
              "location = \"127.0.0.1:" + listener + "/myreg\"",
              "insecure = " + scheme.equals("--http"));
        }
        for (Path named : pathsNamedIn(text)) {
          assertThat(named).as("%s names %s", tool + scheme, named).exists();
        }
      }
    }
    assertThat(config("containerd", "MyReg", "--https")).as("names are case-insensitive")
        .contains("ca = \"" + data.resolve("ca/root.pem") + "\"");
    assertThat(Files.readString(data.resolve("ca/cert-dir/ca.crt")))
        .isEqualTo(Files.readString(data.resolve("ca/root.pem")));
    assertThat(Json.parse(jsonPart(config("docker", "myreg", "--http")))
        .path("insecure-registries").path(0).asText()).isEqualTo("127.0.0.1:" + http);
    String script = config("docker", "myreg", "--https");
    assertThat(script).contains("\nmkdir -p /etc/docker/certs.d/127.0.0.1:" + https + "\n")
        .contains("\ncp " + data.resolve("ca/root.pem") + " /etc/docker/certs.d/127.0.0.1:"
            + https + "/ca.crt\n");
  }

  @Test
  void anUnknownRegistryOrClientFailsLikeAz() throws Exception {
    Result unknown = isla("registry", "config", "containerd", "nosuchreg", "--data",
        data.toString());
    assertThat(unknown.exit()).isEqualTo(3);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err()).isEqualTo("ERROR: The resource with name 'nosuchreg' and type"
        + " 'Microsoft.ContainerRegistry/registries' could not be found in subscription '"
        + server.state().subscriptionId() + "'.\n");
    Result tool = isla("registry", "config", "rkt", "myreg", "--data", data.toString());
    assertThat(tool.exit()).isEqualTo(2);
    assertThat(tool.err()).startsWith("ERROR: 'rkt' is not a client isla knows");
  }

  @Test
  void skopeoRoundTripsOverHttpsThroughThePrintedRegistriesConf() throws Exception {
    assumeTrue(installed("skopeo"), "skopeo is not installed (apt-get install -y skopeo)");
    String source = pushPause();
    Path conf = Files.writeString(work.resolve("registries.conf"),
        config("skopeo", "myreg", "--https"));
    Path certDir = data.resolve("ca/cert-dir");
    Path out = work.resolve("pulled");
    run("skopeo", "--registries-conf", conf.toString(), "copy", "--all", "--src-cert-dir",
        certDir.toString(), "docker://myreg.azurecr.io/team/pause:3.6", "dir:" + out);
    assertThat(digest(Files.readAllBytes(out.resolve("manifest.json"))))
        .as("the manifest pulled back is the one pushed").isEqualTo(source);
    String inspected = run("skopeo", "inspect", "--cert-dir", certDir.toString(),
        "--format", "{{.Digest}}", "docker://127.0.0.1:"
            + port(server.state().registryHttpsUrl()) + "/myreg/team/pause:3.6");
    assertThat(inspected.trim()).isEqualTo(source);
  }

  @Test
  void ctrPullsThroughThePrintedHostsTomlWithIslasCa() throws Exception {
    assumeTrue(isRoot(), "containerd needs root: run as root to include this test");
    for (String tool : List.of("containerd", "ctr", "skopeo")) {
      assumeTrue(installed(tool), tool + " is not installed (apt-get install -y containerd"
          + " skopeo)");
    }
    String source = pushPause();
    Path hosts = work.resolve("certs.d");
    Files.createDirectories(hosts.resolve("myreg.azurecr.io"));
    Files.writeString(hosts.resolve("myreg.azurecr.io/hosts.toml"),
        config("containerd", "myreg", "--https"));
    Path socket = startContainerd();
    String ref = "myreg.azurecr.io/team/pause:3.6";
    run("ctr", "--address", socket.toString(), "--namespace", "isla-test", "images", "pull",
        "--snapshotter", "native", "--hosts-dir", hosts.toString(), ref);
    assertThat(run("ctr", "--address", socket.toString(), "--namespace", "isla-test", "images",
        "ls")).contains(ref).contains(source);
  }

  // --- helpers ------------------------------------------------------------------------

  /**
   * Copies the MCR stand-in's pause image (a multi-arch index, every platform) into myreg over
   * HTTPS (path mode); the index digest.
   */
  private static synchronized String pushPause() throws Exception {
    String mcr = server.state().mcrUrl().replace("http://", "");
    String source = run("skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
        "docker://" + mcr + "/" + IMAGE).trim();
    run("skopeo", "copy", "--all", "--src-tls-verify=false", "--dest-cert-dir",
        data.resolve("ca/cert-dir").toString(), "docker://" + mcr + "/" + IMAGE,
        "docker://127.0.0.1:" + port(server.state().registryHttpsUrl()) + "/myreg/team/pause:3.6");
    return source;
  }

  private static final Pattern TABLE = Pattern.compile("\\[\\[?(\"[^\"\\\\]*\"|[A-Za-z0-9_.-]+)"
      + "(\\.(\"[^\"\\\\]*\"|[A-Za-z0-9_-]+))*\\]\\]?");
  private static final Pattern VALUE = Pattern.compile("\\s*[A-Za-z0-9_-]+ = (\"[^\"\\\\]*\""
      + "|true|false|\\[(\"[^\"\\\\]*\"(, \"[^\"\\\\]*\")*)?\\])");

  /** The TOML lines of {@code text} (comments and blank lines dropped), each checked. */
  private static List<String> tomlLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      assertThat(TABLE.matcher(line).matches() || VALUE.matcher(line).matches())
          .as("a TOML table header or key = value: %s", line).isTrue();
      lines.add(line.trim());
    }
    return lines;
  }

  /** Absolute paths under the data folder named anywhere in {@code text}. */
  private static List<Path> pathsNamedIn(String text) {
    List<Path> paths = new ArrayList<>();
    Matcher m = Pattern.compile(Pattern.quote(data.toString()) + "[^\"\\s,)]*").matcher(text);
    while (m.find()) {
      paths.add(Path.of(m.group()));
    }
    return paths;
  }

  private static String jsonPart(String text) {
    return text.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b);
  }

  private static String config(String tool, String name, String scheme) {
    Result r = isla("registry", "config", tool, name, scheme, "--data", data.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out();
  }

  record Result(int exit, String out, String err) {}

  private static synchronized Result isla(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new Isla()).execute(args);
      return new Result(exit, o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static int port(String url) {
    return URI.create(url).getPort();
  }

  private static String digest(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(bytes));
  }

  private static Path startContainerd() throws Exception {
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
    processes.add(new ProcessBuilder("containerd", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("containerd.log").toFile())
        .redirectInput(new File("/dev/null")).start());
    for (int i = 0; i < 100; i++) {
      Process version = new ProcessBuilder("ctr", "--address", socket.toString(), "version")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (version.waitFor(5, TimeUnit.SECONDS) && version.exitValue() == 0) {
        return socket;
      }
      version.destroyForcibly();
      Thread.sleep(200);
    }
    throw new AssertionError("containerd did not come up within 20 s; log in " + work);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile(work, "out", ".txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).redirectInput(new File("/dev/null")).start();
    boolean ended = process.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(ended).as("%s did not end within %s\n%s", String.join(" ", command), STEP, text)
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
}
