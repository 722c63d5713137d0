package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACR's usage report over the whole server: {@code listUsages} reports the bytes the registry
 * data plane stores for the registry (a blob shared by repositories counted once, other
 * registries not counted) and ACR's four usages.
 */
class RegistryUsageIT {

  private static final String API = "?api-version=2025-11-01";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;

  @Test
  void usageReportsStoredBytesEachDigestOnce() throws Exception {
    try (IslaServer server = new IslaServer(new IslaConfig(data, "127.0.0.1", 0,
        Duration.ofMillis(10), Duration.ofMillis(10)))) {
      IslaArm arm = new IslaArm(server.state());
      arm.prepare();
      String sub = server.state().armUrl() + "/subscriptions/" + server.state().subscriptionId();
      String usageAcr = createRegistry(arm, sub, "usageacr");
      String otherAcr = createRegistry(arm, sub, "otheracr");
      assertThat(size(arm, usageAcr)).isZero();

      String registry = server.state().registryUrl();
      byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
      byte[] layer = new byte[70_000];
      new Random(5).nextBytes(layer);
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
          + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
          + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest(layer)
          + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
      for (String repository : new String[] {"team/a", "team/b"}) {
        pushBlob(registry, "usageacr.azurecr.io", repository, config);
        pushBlob(registry, "usageacr.azurecr.io", repository, layer);
        HttpResponse<String> put = send(registry, "usageacr.azurecr.io", "PUT",
            "/v2/" + repository + "/manifests/v1", manifest,
            "application/vnd.oci.image.manifest.v1+json");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
      }
      pushBlob(registry, "otheracr.azurecr.io", "elsewhere", new byte[123_456]);

      JsonNode usages = Json.parse(arm.send("GET", usageAcr + "/listUsages" + API, null).body());
      assertThat(usages.path("value").findValuesAsText("name"))
          .containsExactly("Size", "Webhooks", "ScopeMaps", "Tokens");
      assertThat(usages.path("value").get(0).path("currentValue").asLong())
          .isEqualTo(config.length + layer.length + manifest.length);
      assertThat(usages.path("value").get(0).path("unit").asText()).isEqualTo("Bytes");
      assertThat(usages.path("value").get(3).path("limit").asLong()).isEqualTo(50_000);
      assertThat(size(arm, otherAcr)).isEqualTo(123_456);
    }
  }

  private static String createRegistry(IslaArm arm, String sub, String name) throws Exception {
    String id = sub + "/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries/" + name;
    HttpResponse<String> put = arm.send("PUT", id + API,
        "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"}}");
    assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
    for (int i = 0; i < 400; i++) {
      if (arm.send("GET", id + API, null).body().contains("\"Succeeded\"")) {
        return id;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("registry " + name + " never succeeded");
  }

  private static long size(IslaArm arm, String registry) throws Exception {
    return Json.parse(arm.send("GET", registry + "/listUsages" + API, null).body())
        .path("value").get(0).path("currentValue").asLong();
  }

  private void pushBlob(String registry, String host, String repository, byte[] blob)
      throws Exception {
    HttpResponse<String> post = send(registry, host, "POST", "/v2/" + repository
        + "/blobs/uploads/?digest=" + digest(blob), blob, "application/octet-stream");
    assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
  }

  private HttpResponse<String> send(String registry, String host, String method, String path,
      byte[] body, String type) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(registry + path)).header("Host", host)
        .header("Content-Type", type).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String digest(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
