package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.standin.StandInManifest;
import dev.isla.registry.standin.StandInMcr;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --upstream host=url}: a cache rule whose source is another registry host pulls through
 * from where the option says (here a second registry on loopback standing in for, say, a
 * private mirror of quay.io), and a malformed option is a usage error.
 */
class UpstreamOptionIT {

  private static final String API = "?api-version=2025-11-01";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;
  @TempDir Path mirrorData;

  @Test
  void aCacheRuleOnAnotherHostPullsFromTheMappedUpstream() throws Exception {
    try (StandInMcr mirror = StandInMcr.start(mirrorData, List.of("1.31.1"), "127.0.0.1", 0);
        IslaServer server = new IslaServer(new IslaConfig(data, "127.0.0.1", 0,
            Duration.ofMillis(10), Duration.ofMillis(10),
            UpstreamMap.parse(List.of("quay.io=" + mirror.baseUri()))))) {
      IslaArm arm = new IslaArm(server.state());
      arm.prepare();
      String acr = server.state().armUrl() + "/subscriptions/" + server.state().subscriptionId()
          + "/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries/upstreamacr";
      awaitSucceeded(arm, acr, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"}}");
      awaitSucceeded(arm, acr + "/cacheRules/mirror", "{\"properties\":{\"sourceRepository\":"
          + "\"quay.io/*\",\"targetRepository\":\"mirrored/*\"}}");

      StandInManifest image = mirror.content().manifests("oss/kubernetes/pause").getFirst();
      String path = "/v2/mirrored/oss/kubernetes/pause/manifests/" + image.digest();
      HttpResponse<String> pulled = http.send(HttpRequest.newBuilder(
              URI.create(server.state().registryUrl() + path))
          .header("Host", "upstreamacr.azurecr.io").header("Accept", image.mediaType())
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());

      assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
      assertThat(pulled.headers().firstValue("Docker-Content-Digest")).contains(image.digest().toString());
      assertThat(pulled.headers().firstValue("X-Azure-Origin")).contains("upstream");
      assertThat(mirror.requests().counts().keySet())
          .anyMatch(k -> k.contains("/v2/oss/kubernetes/pause/manifests/" + image.digest()));
    }
  }

  @Test
  void aMalformedUpstreamIsAUsageError() {
    for (String bad : List.of("no-equals-sign", "=http://127.0.0.1:1", "mcr.microsoft.com=ftp://x",
        "mcr.microsoft.com=https://")) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CommandLine cli = new CommandLine(new Isla());
      cli.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
      int code = cli.execute("up", "--data", data.toString(), "--upstream", bad);
      assertThat(code).as(bad).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).as(bad)
          .contains("Invalid value for option '--upstream'").contains(bad);
    }
  }

  private static void awaitSucceeded(IslaArm arm, String id, String body) throws Exception {
    HttpResponse<String> put = arm.send("PUT", id + API, body);
    assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
    for (int i = 0; i < 400; i++) {
      if (arm.send("GET", id + API, null).body().contains("\"Succeeded\"")) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError(id + " never succeeded");
  }
}
