package dev.isla.registry.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fuzz.RawHttp;
import dev.isla.registry.Oci;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Targeted hostile requests to the registry, and the inputs the fuzzers found. */
class RegistryHostileInputIT {

  static Path root;
  static RegistryFixture fixture;
  static RawHttp http;

  @BeforeAll
  static void start() throws IOException {
    root = Files.createTempDirectory("isla-registry-hostile");
    fixture = new RegistryFixture(new FilesystemDriver(root));
    http = new RawHttp(fixture.server.port(), RegistryFixture.LOGIN_SERVER);
    Oci.pushImage(fixture.client, "hi/img", "v1", 3);
  }

  @AfterAll
  static void stop() throws IOException {
    fixture.close();
    try (var walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  RawHttp.Response refused(String method, String target, Map<String, String> headers,
      byte[] body) {
    StorageSnapshot before = StorageSnapshot.of(root);
    RawHttp.Response response = http.send(method, target, headers, body);
    assertThat(response.status()).as(response.text()).isBetween(400, 499);
    assertThat(StorageSnapshot.of(root)).isEqualTo(before);
    return response;
  }

  @Test
  void pathTraversalInNamesAndReferencesIsRefused() {
    String[] targets = {"/v2/../../etc/passwd/manifests/latest", "/v2/hi/%2e%2e/img/manifests/v1",
        "/v2/hi/..%2fimg/manifests/v1", "/v2/hi\\..\\img/manifests/v1",
        "/v2/hi/img%00/manifests/v1", "/v2/hi/img/manifests/..%2f..%2fv1",
        "/v2/hi/img/manifests/%2e%2e", "/v2/hi/img/blobs/..%5c..%5cx",
        "/v2/hi/img/blobs/sha256:..%2f..%2f" + "0".repeat(58),
        "/v2/" + "a/".repeat(200) + "b/manifests/v1", "/v2/hi/img/manifests/" + "t".repeat(129),
        "/v2/hi/img/blobs/uploads/..%2f..%2fupload", "/v2/hi//img/tags/list"};
    for (String target : targets) {
      for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
        RawHttp.Response response = refused(method, target, Map.of(), Oci.utf8("{}"));
        // Also a target that is no URI (a backslash, a bare NUL), refused by the HTTP layer.
        assertThat(response.text()).as(method + " " + target).contains("\"errors\"");
      }
    }
  }

  @Test
  void hugePaginationValuesAreClampedOrRefused() {
    for (String n : new String[] {"2147483648", "999999999999", "99999999999999999999",
        "1000000"}) {
      RawHttp.Response response = http.send("GET", "/v2/hi/img/tags/list?n=" + n, Map.of(),
          new byte[0]);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).contains("\"v1\"");
    }
    assertThat(refused("GET", "/v2/hi/img/tags/list?n=-1", Map.of(), new byte[0]).text())
        .contains("PAGINATION_NUMBER_INVALID");
    assertThat(refused("GET", "/v2/_catalog?n=1e3", Map.of(), new byte[0]).text())
        .contains("PAGINATION_NUMBER_INVALID");
    for (String n : new String[] {"-1", "-999999999999", "0x10", "", "1 2"}) {
      for (String list : new String[] {"/v2/_catalog", "/v2/hi/img/tags/list"}) {
        RawHttp.Response response = http.send("GET", list + "?n=" + n.replace(" ", "%20"),
            Map.of(), new byte[0]);
        assertThat(response.status()).as(list + " n=" + n).isIn(200, 400);
        if (response.status() == 400) {
          assertThat(response.text()).contains("PAGINATION_NUMBER_INVALID");
        }
      }
    }
    RawHttp.Response last = http.send("GET", "/v2/_catalog?last=" + "z".repeat(4000), Map.of(),
        new byte[0]);
    assertThat(last.status()).isEqualTo(200);
    assertThat(last.text()).contains("\"repositories\":[]");
    RawHttp.Response tags = http.send("GET", "/v2/hi/img/tags/list?n=5&last=" + "z".repeat(4000),
        Map.of(), new byte[0]);
    assertThat(tags.text()).contains("\"tags\":[]");
    // Above the 4 KiB request line the HTTP layer reads, in the spec's format all the same.
    for (String list : new String[] {"/v2/_catalog", "/v2/hi/img/tags/list"}) {
      RawHttp.Response huge = refused("GET", list + "?last=" + "z".repeat(10 * 1024), Map.of(),
          new byte[0]);
      assertThat(huge.status()).isEqualTo(414);
      assertThat(huge.text()).contains("\"code\":\"UNSUPPORTED\"")
          .contains("the request could not be read");
    }
  }

  @Test
  void anOversizedManifestIs413() {
    byte[] big = new byte[4 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    RawHttp.Response response = refused("PUT", "/v2/hi/img/manifests/big",
        Map.of("Content-Type", Oci.OCI_MANIFEST), big);
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.text()).contains("SIZE_INVALID");
  }

  @Test
  void malformedManifestsAreManifestInvalid() {
    String[] bodies = {"", "{", "[]", "null", "{\"schemaVersion\":1}", "[".repeat(5000),
        "{\"schemaVersion\":2,\"layers\":{}}", "{\"schemaVersion\":2,\"config\":{\"digest\":1}}",
        "{\"schemaVersion\":2,\"layers\":[{\"digest\":\"sha256:x\",\"size\":-1}]}"};
    for (String body : bodies) {
      RawHttp.Response response = refused("PUT", "/v2/hi/img/manifests/bad",
          Map.of("Content-Type", Oci.OCI_MANIFEST), Oci.utf8(body));
      assertThat(response.text()).as(body).contains("MANIFEST_INVALID");
    }
  }

  @Test
  void badRangesAreIgnoredOrRefused() {
    String layer = "/v2/hi/img/blobs/" + dev.isla.registry.oci.Digest.sha256(Oci.random(3000, 3));
    for (String range : new String[] {"bytes=abc", "bytes=5-1", "bytes=0-1,5-6",
        "bytes=99999999999999999999-", "bytes=-0", "items=0-1"}) {
      RawHttp.Response response = http.send("GET", layer, Map.of("Range", range), new byte[0]);
      assertThat(response.status()).as(range).isIn(200, 416);
    }
    String upload = http.send("POST", "/v2/hi/img/blobs/uploads/", Map.of(), new byte[0])
        .headers().get("location");
    for (String range : new String[] {"x", "5-1", "-1-2", "0-99999999999999999999", "10-12"}) {
      RawHttp.Response response = refused("PATCH", upload, Map.of("Content-Range", range),
          Oci.utf8("abc"));
      assertThat(response.status()).as(range).isEqualTo(416);
    }
  }

  @Test
  void aClientSendingHeadersByteByByteIsAnsweredAndOthersAreNotHeldUp() throws Exception {
    byte[] request = http.request("GET", "/v2/hi/img/manifests/v1", Map.of(), new byte[0]);
    var slow = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> http.send(request, Duration.ofMillis(10)));
    long start = System.nanoTime();
    assertThat(http.send("GET", "/v2/", Map.of(), new byte[0]).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(slow.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
  }

  @Test
  void aManifestPushWithABadTagParameterStoresNothing() {
    byte[] config = Oci.utf8("{\"tagged\":false}");
    Oci.pushBlob(fixture.client, "hi/tagged", config);
    byte[] manifest = Oci.imageManifest(config);
    RawHttp.Response response = refused("PUT", "/v2/hi/tagged/manifests/good?tag=bad!tag",
        Map.of("Content-Type", Oci.OCI_MANIFEST), manifest);
    assertThat(response.text()).contains("MANIFEST_INVALID");
    assertThat(http.send("GET", "/v2/hi/tagged/manifests/good", Map.of(), new byte[0]).status())
        .isEqualTo(404);
  }
}
