package dev.isla.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prepares one run through the product's own interfaces, before any client starts: a resource
 * group and a Premium registry {@code load<run>} created through ARM (waited for until
 * {@code Succeeded}, and until its virtual host answers), a cache rule {@code mcr.microsoft.com/*}
 * ⇒ {@code mcr/*}, the list of images the MCR stand-in serves (read from the stand-in itself, so
 * pulls through the rule are compared with the source's digests), and a 512 KiB fixture blob
 * pushed as image {@code load/fixture:v1}. Any failure here aborts the run.
 */
final class LoadSetup {

  private static final String REGISTRY_API = "?api-version=2023-07-01";
  private static final int FIXTURE_BYTES = 512 * 1024;

  private final String run;
  private final InetSocketAddress arm;
  private final String subscription;
  private final InetSocketAddress registry;
  private final InetSocketAddress mcr;

  LoadSetup(String run, InetSocketAddress arm, String subscription, InetSocketAddress registry,
      InetSocketAddress mcr) {
    this.run = run;
    this.arm = arm;
    this.subscription = subscription;
    this.registry = registry;
    this.mcr = mcr;
  }

  LoadTarget prepare() throws IOException, InterruptedException {
    String name = "load" + run;
    String group = "/subscriptions/" + subscription + "/resourceGroups/load-" + run;
    String registryId = group + "/providers/Microsoft.ContainerRegistry/registries/" + name;
    try (LoadHttp a = new LoadHttp(arm)) {
      onArm(a, "PUT", group + ArmMix.GROUPS_API, "{\"location\":\"eastus\"}", 201);
      onArm(a, "PUT", registryId + REGISTRY_API, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"},"
          + "\"properties\":{\"dataEndpointEnabled\":true}}", 200, 201);
      awaitSucceeded(a, registryId + REGISTRY_API);
      String rule = registryId + "/cacheRules/mcr-cache" + REGISTRY_API;
      onArm(a, "PUT", rule, "{\"properties\":{\"sourceRepository\":\"mcr.microsoft.com/*\","
          + "\"targetRepository\":\"" + LoadTarget.CACHE_PREFIX + "*\"}}", 200, 201);
      awaitSucceeded(a, rule);
    }
    String loginServer = name + ".azurecr.io";
    LoadTarget.Fixture fixture;
    try (LoadHttp r = new LoadHttp(registry)) {
      awaitServed(r, loginServer);
      fixture = pushFixture(r, loginServer);
    }
    return new LoadTarget(run, arm, subscription, registry, loginServer, mcrImages(), fixture);
  }

  private void awaitSucceeded(LoadHttp a, String path) throws IOException, InterruptedException {
    for (int i = 0; i < 300; i++) {
      JsonNode body = Json.parse(onArm(a, "GET", path, null, 200).text());
      String state = body.path("properties").path("provisioningState").asText();
      if (state.equals("Succeeded")) {
        return;
      }
      if (state.equals("Failed")) {
        throw new IllegalStateException(path + " failed: " + body);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(path + " did not succeed in 30 s");
  }

  private static void awaitServed(LoadHttp r, String host) throws IOException, InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (r.send("GET", "/v2/", host, Map.of(), null).status() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(host + " was not served in 30 s");
  }

  private LoadTarget.Fixture pushFixture(LoadHttp r, String host) throws IOException {
    byte[] bytes = new byte[FIXTURE_BYTES];
    new Random(run.hashCode()).nextBytes(bytes);
    String repo = "load/fixture";
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    for (byte[] blob : List.of(config, bytes)) {
      URI location = URI.create(expect(r, host, "POST", "/v2/" + repo + "/blobs/uploads/", "", null, 202).header("Location"));
      String sep = location.getRawQuery() == null ? "?" : "?" + location.getRawQuery() + "&";
      expect(r, host, "PUT", location.getRawPath() + sep + "digest=" + RegistryMix.digest(blob),
          "application/octet-stream", blob, 201);
    }
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + RegistryMix.OCI_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + RegistryMix.digest(config)
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        + "\"digest\":\"" + RegistryMix.digest(bytes) + "\",\"size\":" + bytes.length + "}]}";
    expect(r, host, "PUT", "/v2/" + repo + "/manifests/v1", RegistryMix.OCI_MANIFEST,
        manifest.getBytes(StandardCharsets.UTF_8), 201);
    return new LoadTarget.Fixture(repo, RegistryMix.digest(bytes), bytes);
  }

  /** Every tag the stand-in serves, with its digest, child manifests and blobs. */
  private List<LoadTarget.McrImage> mcrImages() throws IOException {
    List<LoadTarget.McrImage> images = new ArrayList<>();
    try (LoadHttp m = new LoadHttp(mcr)) {
      String host = "mcr.microsoft.com";
      for (JsonNode repo : Json.parse(expect(m, host, "GET", "/v2/_catalog", "", null, 200).text()).path("repositories")) {
        String name = repo.asText();
        for (JsonNode tag : Json.parse(expect(m, host, "GET", "/v2/" + name + "/tags/list", "", null, 200).text()).path("tags")) {
          images.add(image(m, name, tag.asText()));
        }
      }
    }
    return images;
  }

  private static LoadTarget.McrImage image(LoadHttp m, String repo, String tag) throws IOException {
    LoadHttp.Response top = m.send("GET", "/v2/" + repo + "/manifests/" + tag, "mcr.microsoft.com",
        Map.of("Accept", RegistryMix.ACCEPT), null);
    JsonNode manifest = Json.parse(top.text());
    List<String> children = new ArrayList<>();
    List<String> blobs = new ArrayList<>(RegistryMix.blobsOf(manifest));
    for (JsonNode child : manifest.path("manifests")) {
      String digest = child.path("digest").asText();
      children.add(digest);
      blobs.addAll(RegistryMix.blobsOf(Json.parse(m.send("GET", "/v2/" + repo + "/manifests/" + digest,
          "mcr.microsoft.com", Map.of("Accept", RegistryMix.ACCEPT), null).text())));
    }
    return new LoadTarget.McrImage(repo, tag, RegistryMix.digest(top.body()), children, blobs);
  }

  private LoadHttp.Response onArm(LoadHttp a, String method, String path, String body, int... ok)
      throws IOException {
    return expect(a, arm.getHostString() + ":" + arm.getPort(), method, path, "application/json",
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), ok);
  }

  private static LoadHttp.Response expect(LoadHttp h, String host, String method, String path,
      String contentType, byte[] body, int... ok) throws IOException {
    Map<String, String> headers = body == null ? Map.of() : Map.of("Content-Type", contentType);
    LoadHttp.Response r = h.send(method, path, host, headers, body);
    for (int status : ok) {
      if (r.status() == status) {
        return r;
      }
    }
    throw new IllegalStateException("setup: " + method + " " + path + " answered " + r.status() + ": " + r.excerpt());
  }
}
