package dev.isla.registry.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.Oci;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.proxy.ScriptedUpstream.Fault;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests of the single-flight blob path: concurrent cold pulls cost one upstream GET and
 * are streamed while the download runs; corrupted, truncated, stalled and dropped downloads
 * store nothing, fail every client, and a pull after recovery succeeds.
 */
class SingleFlightIT {

  static final String REPO = "oss/kubernetes/kube-proxy";
  static final String PATH = "/v2/aks-managed-repository/" + REPO + "/blobs/";
  static final int CLIENTS = 16;

  @TempDir
  Path root;

  ScriptedUpstream upstream;
  RegistryFixture fixture;
  byte[] blob = Oci.random(4 * 1024 * 1024 + 3, 7);
  Digest digest = Digest.sha256(blob);
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws IOException {
    upstream = new ScriptedUpstream();
    upstream.blob(REPO, blob);
    fixture = new RegistryFixture(new FilesystemDriver(root), new UpstreamMap(
        Map.of("mcr.microsoft.com", upstream.base())), Duration.ofMinutes(5), List.of(
        new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*", "aks-managed-repository/*")));
  }

  @AfterEach
  void stop() {
    fixture.close();
    upstream.close();
  }

  @Test
  void concurrentColdPullsMakeOneUpstreamRequestAndStreamBeforeItEnds() throws Exception {
    upstream.fault(digest, Fault.HOLD);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      HttpResponse<InputStream> first = open();
      byte[] head = first.body().readNBytes(blob.length / 4);
      // The upstream is still holding the second half: the client got bytes mid-download.
      assertThat(head).isEqualTo(java.util.Arrays.copyOf(blob, blob.length / 4));
      List<Future<byte[]>> others = new ArrayList<>();
      for (int i = 1; i < CLIENTS; i++) {
        others.add(pool.submit(() -> open().body().readAllBytes()));
      }
      Thread.sleep(300);
      upstream.release();
      byte[] rest = first.body().readAllBytes();
      assertThat(head.length + rest.length).isEqualTo(blob.length);
      for (Future<byte[]> other : others) {
        assertThat(Digest.sha256(other.get())).isEqualTo(digest);
      }
    }
    assertThat(upstream.count("GET /v2/" + REPO + "/blobs/" + digest)).isEqualTo(1);
    assertThat(fixture.driver.blobSize(digest)).hasValue(blob.length);
    assertThat(fetch().body()).isEqualTo(blob);
    assertThat(upstream.count("GET /v2/" + REPO + "/blobs/" + digest)).isEqualTo(1);
  }

  @Test
  void aRangeOfABlobStillDownloadingIsServed() throws Exception {
    upstream.fault(digest, Fault.HOLD);
    HttpResponse<InputStream> whole = open();
    whole.body().readNBytes(1000);
    HttpRequest range = HttpRequest.newBuilder(request().uri())
        .header("Host", RegistryFixture.LOGIN_SERVER).header("Range", "bytes=100-199").build();
    HttpResponse<InputStream> part = http.send(range, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range"))
        .hasValue("bytes 100-199/" + blob.length);
    assertThat(part.body().readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(blob, 100, 200));
    upstream.release();
    whole.body().readAllBytes();
    assertThat(upstream.count("GET /v2/" + REPO + "/blobs/")).isEqualTo(1);
  }

  @Test
  void corruptedBytesAreNotCachedAndFailEveryClient() throws Exception {
    assertFailsThenRecovers(Fault.CORRUPT);
  }

  @Test
  void aTruncatedDownloadIsNotCached() throws Exception {
    assertFailsThenRecovers(Fault.TRUNCATE);
  }

  @Test
  void aDroppedConnectionIsNotCached() throws Exception {
    assertFailsThenRecovers(Fault.DROP);
  }

  @Test
  void aStalledUpstreamTimesOutAndIsNotCached() throws Exception {
    assertFailsThenRecovers(Fault.STALL);
  }

  @Test
  void aClientThatGoesAwayDoesNotCancelTheCacheFill() throws Exception {
    upstream.fault(digest, Fault.HOLD);
    HttpResponse<InputStream> client = open();
    client.body().readNBytes(1000);
    client.body().close();
    upstream.release();
    for (int i = 0; i < 50 && fixture.driver.blobSize(digest).isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(fixture.driver.blobSize(digest)).hasValue(blob.length);
    assertThat(fetch().body()).isEqualTo(blob);
    assertThat(upstream.count("GET /v2/" + REPO + "/blobs/")).isEqualTo(1);
  }

  private void assertFailsThenRecovers(Fault fault) throws Exception {
    upstream.fault(digest, fault);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> clients = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        clients.add(pool.submit(this::failedVisibly));
      }
      for (Future<Boolean> c : clients) {
        assertThat(c.get()).as("a client did not see the failure of " + fault).isTrue();
      }
    }
    assertThat(fixture.driver.blobSize(digest)).isEmpty();
    try (var files = Files.walk(root)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
    }
    upstream.heal(digest);
    HttpResponse<byte[]> recovered = fetch();
    assertThat(recovered.statusCode()).isEqualTo(200);
    assertThat(recovered.body()).isEqualTo(blob);
    assertThat(fixture.driver.blobSize(digest)).hasValue(blob.length);
  }

  /**
   * True when the client could tell the transfer failed: an error status (a client arriving
   * after the failed flight ended gets ACR's 424, one caught mid-transfer a 502 or a cut
   * connection), or a connection that ended before the announced length. A complete 200 body —
   * even a wrong one — is false.
   */
  private boolean failedVisibly() {
    try {
      return fetch().statusCode() >= 400;
    } catch (IOException e) {
      return true;
    }
  }

  private HttpResponse<InputStream> open() throws IOException, InterruptedException {
    return http.send(request(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpResponse<byte[]> fetch() throws IOException {
    try {
      return http.send(request(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.server.port() + PATH
        + digest)).header("Host", RegistryFixture.LOGIN_SERVER)
        .timeout(Duration.ofSeconds(30)).build();
  }
}
