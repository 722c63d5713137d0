package dev.isla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code az ... show} prints after the seed's setup, compared with recorded fixtures in
 * {@code src/test/resources/golden/} with volatile values masked (GUIDs, ETags, timestamps,
 * loopback ports). A fixture is recorded by running once with {@code ISLA_GOLDEN_RECORD=1},
 * checked by eye against research/aks-isolation.md §4 and real az's output, and never edited by
 * hand to make a test pass.
 */
class GoldenIT {

  private static final Path FIXTURES = Path.of("src/test/resources/golden");
  private static final Pattern GUID =
      Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern ETAG =
      Pattern.compile("(\"etag\": )\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");
  private static final Pattern PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+");

  @TempDir static Path config;
  static ServerAz az;
  static ByoSetup byo;

  @BeforeAll
  static void seedSetup() {
    az = new ServerAz(config);
    byo = new ByoSetup("rg-golden", "goldenacr").run(az);
    az.ok(byo.createCluster("aks-golden"));
  }

  @AfterAll
  static void stop() {
    az.close();
  }

  @Test
  void acrShow() throws IOException {
    matches("acr-show.json", az.ok("acr", "show", "--name", "goldenacr", "-g", "rg-golden"));
  }

  @Test
  void aksShow() throws IOException {
    matches("aks-show.json", az.ok("aks", "show", "--resource-group", "rg-golden", "--name",
        "aks-golden"));
  }

  @Test
  void nicShow() throws IOException {
    matches("nic-show.json", az.ok("network", "nic", "show", "--ids", byo.nicId));
  }

  @Test
  void privateEndpointShow() throws IOException {
    matches("private-endpoint-show.json", az.ok("network", "private-endpoint", "show", "--name",
        "myPrivateEndpoint", "--resource-group", "rg-golden"));
  }

  @Test
  void featureShow() throws IOException {
    matches("feature-show.json", az.ok("feature", "show", "--namespace",
        "Microsoft.ContainerService", "--name", "NetworkIsolatedClusterPreview"));
  }

  /** Volatile values replaced by placeholders; everything else as printed. */
  static String mask(String printed) {
    String text = ETAG.matcher(printed).replaceAll("$1\"<etag>\"");
    text = GUID.matcher(text).replaceAll("<guid>");
    text = TIMESTAMP.matcher(text).replaceAll("<timestamp>");
    return PORT.matcher(text).replaceAll("$1:<port>") + "\n";
  }

  static void matches(String fixture, String printed) throws IOException {
    Path file = FIXTURES.resolve(fixture);
    String masked = mask(printed);
    if ("1".equals(System.getenv("ISLA_GOLDEN_RECORD"))) {
      Files.createDirectories(FIXTURES);
      Files.writeString(file, masked, StandardCharsets.UTF_8);
    }
    assertThat(file).as("fixture %s: record it with ISLA_GOLDEN_RECORD=1", file).exists();
    assertThat(masked).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
