package dev.isla.registry.proxy;

import static dev.isla.registry.Oci.errorCode;
import static dev.isla.registry.Oci.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.Oci;
import dev.isla.registry.OciClient;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull-through through cache rules against a scripted upstream standing in for MCR: what is
 * fetched, when, how often, and what the client sees (research/registry.md §3 extra cases).
 */
class PullThroughIT {

  static final String REPO = "oss/kubernetes/pause";
  static final CacheRule AKS =
      new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*", "aks-managed-repository/*");
  static final CacheRule EXACT =
      new CacheRule("pinned", "mcr.microsoft.com/oss/kubernetes/coredns", "coredns");

  @TempDir
  Path root;

  ScriptedUpstream upstream;
  RegistryFixture fixture;
  OciClient client;
  byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
  byte[] layer = Oci.random(300_000, 1);
  byte[] manifest = Oci.imageManifest(config, layer);

  void start(Duration tagFreshness) throws IOException {
    upstream = new ScriptedUpstream();
    upstream.manifest(REPO, "3.6", Oci.OCI_MANIFEST, manifest);
    upstream.blob(REPO, config);
    upstream.blob(REPO, layer);
    fixture = new RegistryFixture(new FilesystemDriver(root), new UpstreamMap(
        Map.of("mcr.microsoft.com", upstream.base())), tagFreshness, List.of(AKS, EXACT));
    client = fixture.client;
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void aColdPullComesFromUpstreamThenFromTheCache() throws IOException {
    start(Duration.ofMinutes(5));
    String base = "/v2/aks-managed-repository/" + REPO;
    HttpResponse<byte[]> cold = client.get(base + "/manifests/3.6");
    assertThat(cold.statusCode()).isEqualTo(200);
    assertThat(cold.body()).isEqualTo(manifest);
    assertThat(cold.headers().firstValue("Content-Type")).hasValue(Oci.OCI_MANIFEST);
    assertThat(cold.headers().firstValue("X-Azure-Origin")).hasValue("upstream");
    HttpResponse<byte[]> blob = client.get(base + "/blobs/" + Digest.sha256(layer));
    assertThat(blob.body()).isEqualTo(layer);
    assertThat(blob.headers().firstValue("X-Azure-Origin")).hasValue("upstream");
    int requests = upstream.log().size();
    HttpResponse<byte[]> warm = client.get(
        "/aks-managed-repository/v2/" + REPO + "/manifests/3.6?ns=mcr.microsoft.com");
    assertThat(warm.body()).isEqualTo(manifest);
    assertThat(warm.headers().firstValue("X-Azure-Origin")).isEmpty();
    HttpResponse<byte[]> warmBlob = client.get(base + "/blobs/" + Digest.sha256(layer));
    assertThat(warmBlob.body()).isEqualTo(layer);
    assertThat(warmBlob.headers().firstValue("X-Azure-Origin")).isEmpty();
    assertThat(client.get(base + "/manifests/" + Digest.sha256(manifest)).statusCode())
        .isEqualTo(200);
    assertThat(upstream.log()).hasSize(requests);
    assertThat(upstream.log()).allMatch(line -> line.contains("/v2/" + REPO + "/"));
  }

  @Test
  void concurrentColdManifestPullsCostOneHeadAndOneGet() throws Exception {
    start(Duration.ofMinutes(5));
    String path = "/v2/aks-managed-repository/" + REPO + "/manifests/3.6";
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<HttpResponse<byte[]>>> pulls = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        pulls.add(pool.submit(() -> client.get(path)));
      }
      for (var pull : pulls) {
        assertThat(pull.get().body()).isEqualTo(manifest);
      }
    }
    assertThat(upstream.count("HEAD /v2/" + REPO + "/manifests/3.6")).isEqualTo(1);
    assertThat(upstream.count("GET /v2/" + REPO + "/manifests/")).isEqualTo(1);
  }

  @Test
  void anExactRuleMapsItsOwnPath() throws IOException {
    start(Duration.ofMinutes(5));
    upstream.manifest("oss/kubernetes/coredns", "v1", Oci.OCI_MANIFEST, manifest);
    assertThat(client.get("/v2/coredns/manifests/v1").body()).isEqualTo(manifest);
    assertThat(upstream.count("GET /v2/oss/kubernetes/coredns/manifests/")).isEqualTo(1);
    assertThat(errorCode(client.get("/v2/unmapped/manifests/v1"))).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  void aPullByDigestFirstIsFetchedAndNeverRefetched() throws IOException {
    start(Duration.ZERO);
    String path = "/v2/aks-managed-repository/" + REPO + "/manifests/" + Digest.sha256(manifest);
    assertThat(client.get(path).body()).isEqualTo(manifest);
    assertThat(client.head(path).statusCode()).isEqualTo(200);
    assertThat(client.get(path).statusCode()).isEqualTo(200);
    assertThat(upstream.log()).hasSize(1);
  }

  @Test
  void tagsAreRevalidatedAfterTheFreshnessWindowWithOneHead() throws IOException {
    start(Duration.ZERO);
    String path = "/v2/aks-managed-repository/" + REPO + "/manifests/3.6";
    client.get(path);
    byte[] newer = Oci.imageManifest(config);
    upstream.manifest(REPO, "3.6", Oci.OCI_MANIFEST, newer);
    HttpResponse<byte[]> retagged = client.get(path);
    assertThat(retagged.body()).isEqualTo(newer);
    assertThat(retagged.headers().firstValue("Docker-Content-Digest"))
        .hasValue(Digest.sha256(newer).toString());
    long heads = upstream.count("HEAD");
    assertThat(client.get(path).body()).isEqualTo(newer);
    assertThat(upstream.count("HEAD")).isEqualTo(heads + 1);
    assertThat(upstream.count("GET /v2/" + REPO + "/manifests/")).isEqualTo(2);
  }

  @Test
  void aFreshTagIsServedWithoutAskingUpstream() throws IOException {
    start(Duration.ofMinutes(5));
    String path = "/v2/aks-managed-repository/" + REPO + "/manifests/3.6";
    client.get(path);
    int requests = upstream.log().size();
    upstream.manifest(REPO, "3.6", Oci.OCI_MANIFEST, Oci.imageManifest(config));
    assertThat(client.get(path).body()).isEqualTo(manifest);
    assertThat(upstream.log()).hasSize(requests);
  }

  @Test
  void upstreamDownServesTheCacheAndFailsMissesWith424() throws IOException {
    start(Duration.ZERO);
    String base = "/v2/aks-managed-repository/" + REPO;
    client.get(base + "/manifests/3.6");
    client.get(base + "/blobs/" + Digest.sha256(layer));
    upstream.close();
    HttpResponse<byte[]> cached = client.get(base + "/manifests/3.6");
    assertThat(cached.statusCode()).isEqualTo(200);
    assertThat(cached.body()).isEqualTo(manifest);
    assertThat(client.get(base + "/blobs/" + Digest.sha256(layer)).body()).isEqualTo(layer);
    HttpResponse<byte[]> miss = client.get(base + "/manifests/3.7");
    assertThat(miss.statusCode()).isEqualTo(424);
    assertThat(new String(miss.body())).contains("request to pull from source "
        + "'mcr.microsoft.com/" + REPO + "' for cache rule 'aks-managed-mcr' has failed");
    HttpResponse<byte[]> blobMiss = client.get(base + "/blobs/" + Digest.sha256(config));
    assertThat(blobMiss.statusCode()).isEqualTo(424);
  }

  @Test
  void unknownUpstreamContentIs404() throws IOException {
    start(Duration.ofMinutes(5));
    String base = "/v2/aks-managed-repository/" + REPO;
    assertThat(errorCode(client.get(base + "/manifests/nope"))).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(errorCode(client.get(base + "/blobs/" + Digest.sha256(utf8("nope")))))
        .isEqualTo("BLOB_UNKNOWN");
  }

  @Test
  void aBlobStoredForOneRepositoryIsLinkedIntoAnotherWithoutAnotherUpstreamFetch()
      throws Exception {
    start(Duration.ofMinutes(5));
    String other = "oss/kubernetes/coredns";
    upstream.blob(other, config);
    String configPath = "/blobs/" + Digest.sha256(config);
    assertThat(client.get("/v2/aks-managed-repository/" + REPO + configPath).body())
        .isEqualTo(config);
    HttpResponse<byte[]> linked = client.get("/v2/aks-managed-repository/" + other + configPath);
    assertThat(linked.statusCode()).isEqualTo(200);
    assertThat(linked.body()).isEqualTo(config);
    assertThat(linked.headers().firstValue("X-Azure-Origin")).isEmpty();
    // Many repositories at once, as nodes pulling different images sharing a layer do.
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<HttpResponse<byte[]>>> pulls = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String repository = "aks-managed-repository/oss/img" + (i % 6);
        upstream.blob("oss/img" + (i % 6), layer);
        pulls.add(pool.submit(() -> client.get("/v2/" + repository + "/blobs/"
            + Digest.sha256(layer))));
      }
      for (var pull : pulls) {
        assertThat(pull.get().body()).isEqualTo(layer);
      }
    }
    assertThat(upstream.log()).filteredOn(line -> line.startsWith("GET ")
        && line.endsWith(configPath)).hasSize(1);
    assertThat(upstream.log()).filteredOn(line -> line.startsWith("GET ")
        && line.endsWith("/blobs/" + Digest.sha256(layer))).hasSize(1);
    assertThat(client.get("/v2/aks-managed-repository/oss/img5/blobs/" + Digest.sha256(layer))
        .headers().firstValue("X-Azure-Origin")).isEmpty();
  }

  @Test
  void aBlobOfAnotherRegistryIsNotLinkedButFetched() throws IOException {
    start(Duration.ofMinutes(5));
    fixture.catalog.put(dev.isla.registry.catalog.RegistryInfo.of("other"));
    fixture.catalog.putRule("other", AKS);
    String configPath = "/v2/aks-managed-repository/" + REPO + "/blobs/" + Digest.sha256(config);
    assertThat(client.get(configPath).body()).isEqualTo(config);
    assertThat(client.withHost("other.azurecr.io").get(configPath).body()).isEqualTo(config);
    assertThat(upstream.count("GET /v2/" + REPO + "/blobs/")).isEqualTo(2);
  }

  @Test
  void pushesIntoACachedRepositoryAreDeniedAndStoreNothing() throws IOException {
    start(Duration.ofMinutes(5));
    String cached = "/v2/aks-managed-repository/" + REPO;
    client.get(cached + "/manifests/3.6");
    var before = dev.isla.registry.fuzz.StorageSnapshot.of(root);
    Digest pushed = Oci.pushBlob(client, "outside", config);
    String denied = "push to repository 'aks-managed-repository/" + REPO + "' is not allowed: it"
        + " is the target of cache rule 'aks-managed-mcr' (source 'mcr.microsoft.com/*')";
    List<HttpResponse<byte[]>> pushes = List.of(
        client.post(cached + "/blobs/uploads/", new byte[0]),
        client.post(cached + "/blobs/uploads/?digest=" + Digest.sha256(layer), layer),
        client.post(cached + "/blobs/uploads/?mount=" + pushed + "&from=outside", new byte[0]),
        client.put(cached + "/manifests/3.7", manifest, "Content-Type", Oci.OCI_MANIFEST),
        client.put("/v2/coredns/manifests/v1", manifest, "Content-Type", Oci.OCI_MANIFEST));
    for (HttpResponse<byte[]> push : pushes) {
      assertThat(push.statusCode()).isEqualTo(403);
      assertThat(errorCode(push)).isEqualTo("DENIED");
    }
    assertThat(new String(pushes.get(0).body())).contains(denied);
    assertThat(new String(pushes.get(4).body())).contains("cache rule 'pinned'");
    var after = dev.isla.registry.fuzz.StorageSnapshot.of(root).contentFiles();
    after.keySet().removeIf(file -> file.contains("outside") || file.contains(pushed.hex()));
    assertThat(after).isEqualTo(before.contentFiles());
    // Outside the rules pushes work, and cached content can still be deleted (as ACR allows).
    assertThat(client.put("/v2/outside/manifests/v1", Oci.imageManifest(config), "Content-Type",
        Oci.OCI_MANIFEST).statusCode()).isEqualTo(201);
    assertThat(client.delete(cached + "/manifests/" + Digest.sha256(manifest)).statusCode())
        .isEqualTo(202);
  }

  @Test
  void theAnonymousTokenFlowIsFollowed() throws IOException {
    start(Duration.ofMinutes(5));
    upstream.requireTokens();
    String base = "/v2/aks-managed-repository/" + REPO;
    assertThat(client.get(base + "/manifests/3.6").body()).isEqualTo(manifest);
    assertThat(client.get(base + "/blobs/" + Digest.sha256(layer)).body()).isEqualTo(layer);
    assertThat(upstream.count("GET /token")).isEqualTo(1);
  }
}
