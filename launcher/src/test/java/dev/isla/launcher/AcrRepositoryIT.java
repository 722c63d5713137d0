package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.cli.Az;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's {@code az acr repository list/show-tags/show-manifests/delete} and
 * {@code az acr show-usage} against the whole server: what they print agrees with what the
 * registry holds (its distribution API, read directly), before and after deletes.
 */
class AcrRepositoryIT {

  private static final String API = "?api-version=2025-11-01";
  private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;
  @TempDir Path azConfig;

  private Map<String, String> env;
  private String registry;

  /** One finished az run. */
  record Run(int code, String out, String err) {}

  @Test
  void repositoryCommandsAgreeWithTheRegistry() throws Exception {
    try (IslaServer server = new IslaServer(new IslaConfig(data, "127.0.0.1", 0,
        Duration.ofMillis(10), Duration.ofMillis(10)))) {
      InstanceState state = server.state();
      env = Map.of("ISLA_ARM_URL", state.armUrl(), "ISLA_SUBSCRIPTION_ID",
          state.subscriptionId(), "ISLA_REGISTRY_URL", state.registryUrl(),
          "AZURE_CONFIG_DIR", azConfig.toString());
      registry = state.registryUrl();
      IslaArm arm = new IslaArm(state);
      arm.prepare();
      assertThat(az("acr", "create", "-n", "repoacr", "-g", "rg1", "--sku", "Premium").code())
          .isZero();
      String one = push("team/app", "v1", 1);
      push("team/app", "latest", 1);
      String two = push("team/app", "v2", 2);
      push("tools", "1.0", 3);

      assertThat(json("acr", "repository", "list", "-n", "repoacr")).containsExactly(
          "team/app", "tools").isEqualTo(distribution("/v2/_catalog", "repositories"));
      assertThat(json("acr", "repository", "show-tags", "-n", "repoacr", "--repository",
          "team/app")).containsExactlyInAnyOrder("latest", "v1", "v2")
          .isEqualTo(distribution("/v2/team/app/tags/list", "tags"));
      JsonNode manifests = Json.parse(az("acr", "repository", "show-manifests", "-n", "repoacr",
          "--repository", "team/app").out());
      assertThat(manifests.size()).isEqualTo(2);
      for (JsonNode m : manifests) {
        assertThat(m.path("digest").asText()).isIn(one, two);
        assertThat(m.path("tags").toString()).isEqualTo(m.path("digest").asText().equals(one)
            ? "[\"latest\",\"v1\"]" : "[\"v2\"]");
      }
      JsonNode usage = Json.parse(az("acr", "show-usage", "-n", "repoacr").out());
      assertThat(usage.path("value").get(0).path("name").asText()).isEqualTo("Size");
      assertThat(usage.path("value").get(0).path("currentValue").asLong()).isPositive();

      Run image = az("acr", "repository", "delete", "-n", "repoacr", "--image", "team/app:v1",
          "--yes");
      assertThat(image.code()).as(image.err()).isZero();
      assertThat(distribution("/v2/team/app/tags/list", "tags")).containsExactly("v2");
      assertThat(get("/v2/team/app/manifests/" + one).statusCode()).isEqualTo(404);
      Run repo = az("acr", "repository", "delete", "-n", "repoacr", "--repository", "tools",
          "--yes");
      assertThat(repo.code()).as(repo.err()).isZero();
      assertThat(json("acr", "repository", "list", "-n", "repoacr")).containsExactly("team/app")
          .isEqualTo(distribution("/v2/_catalog", "repositories"));

      Run both = az("acr", "repository", "delete", "-n", "repoacr", "--image", "team/app:v2",
          "--repository", "team/app", "--yes");
      assertThat(both.code()).isEqualTo(2);
      assertThat(both.err()).contains("usage error: --image IMAGE | --repository REPOSITORY");
      Run missing = az("acr", "repository", "show-manifests", "-n", "repoacr", "--repository",
          "nope");
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).contains("NAME_UNKNOWN");
      assertThat(distribution("/v2/team/app/tags/list", "tags")).containsExactly("v2");
    }
  }

  private List<String> json(String... args) {
    Run run = az(args);
    assertThat(run.code()).as(run.err()).isZero();
    return texts(Json.parse(run.out()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private List<String> distribution(String path, String field) throws Exception {
    return texts(Json.parse(get(path).body()).path(field));
  }

  private Run az(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Az.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Pushes a small image (config and one layer, both from {@code seed}); returns its digest. */
  private String push(String repository, String tag, int seed) throws Exception {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + seed).getBytes(StandardCharsets.UTF_8);
    for (byte[] blob : List.of(config, layer)) {
      assertThat(send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest(blob),
          blob, "application/octet-stream").statusCode()).isEqualTo(201);
    }
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI + "\",\"config\":{"
        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest(layer)
        + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    assertThat(send("PUT", "/v2/" + repository + "/manifests/" + tag, manifest, OCI)
        .statusCode()).isEqualTo(201);
    return digest(manifest);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(registry + path))
        .header("Host", "repoacr.azurecr.io").header("Accept", OCI).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path, byte[] body, String type)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(registry + path))
        .header("Host", "repoacr.azurecr.io").header("Content-Type", type)
        .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String digest(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
