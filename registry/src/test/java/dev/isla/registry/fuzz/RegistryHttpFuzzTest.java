package dev.isla.registry.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isla.fuzz.Fuzz;
import dev.isla.fuzz.Mutations;
import dev.isla.fuzz.RawHttp;
import dev.isla.registry.Oci;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated requests to the in-process registry on a filesystem driver: every answer is
 * below 500, every error has the spec's body ({@code {"errors":[{"code",…}]}}), and a refused
 * request leaves the storage folder exactly as it was.
 */
class RegistryHttpFuzzTest {

  static Path root;
  static RegistryFixture fixture;
  static RawHttp http;
  static byte[] manifest;
  static String manifestDigest;
  static String layerDigest;

  record Request(String method, String target, Map<String, String> headers, byte[] body) {}

  @BeforeContainer
  static void start() throws IOException {
    root = Files.createTempDirectory("isla-registry-fuzz");
    fixture = new RegistryFixture(new FilesystemDriver(root));
    http = new RawHttp(fixture.server.port(), RegistryFixture.LOGIN_SERVER);
    manifest = Oci.pushImage(fixture.client, "fz/img", "v1", 7);
    manifestDigest = Digest.sha256(manifest).toString();
    layerDigest = Digest.sha256(Oci.random(3000, 7)).toString();
  }

  @AfterContainer
  static void stop() throws IOException {
    fixture.close();
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    List<String> targets = List.of("/v2/", "/v2/_catalog?n=2&last=a", "/v2/fz/img/manifests/v1",
        "/v2/fz/img/manifests/" + manifestDigest, "/v2/fz/img/blobs/" + layerDigest,
        "/v2/fz/img/blobs/uploads/", "/v2/fz/img/blobs/uploads/?digest=" + layerDigest,
        "/v2/fz/img/blobs/uploads/?mount=" + layerDigest + "&from=fz/img",
        "/v2/fz/img/tags/list?n=1&last=v0", "/v2/fz/img/referrers/" + manifestDigest,
        "/v2/fz/img/manifests/v2?tag=t1&tag=t2");
    Arbitrary<String> method = Arbitraries.of("GET", "HEAD", "PUT", "POST", "PATCH", "DELETE");
    Arbitrary<String> target = Mutations.of(targets, List.of("%2e%2e", "..", "\\", "%00",
        "%5c", "n=", "last=", "2147483648", "-5", "99999999999999999999", "tag=", "digest=",
        "sha256:", "manifests", "blobs", "uploads", "/../", "fz/img", "?", "&"));
    Arbitrary<Map<String, String>> headers = Arbitraries.maps(
        Arbitraries.of("Range", "Content-Range", "Content-Type", "If-None-Match", "Accept"),
        Mutations.of(List.of("bytes=0-9", "0-9", "bytes=-1", Oci.OCI_MANIFEST, Oci.OCI_INDEX,
            "application/octet-stream", "*/*"), List.of("bytes", "=", "-", "/", ";", ",")))
        .ofMaxSize(3).map(LinkedHashMap::new);
    Arbitrary<byte[]> body = Arbitraries.oneOf(
        Mutations.of(List.of(new String(manifest, StandardCharsets.UTF_8)),
            List.of("{", "}", "[", "]", "\"schemaVersion\":2,", "null", "[".repeat(3000)))
            .map(Oci::utf8),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.just(manifest), Arbitraries.just(new byte[0]));
    return Combinators.combine(method, target, headers, body).as(Request::new);
  }

  @Fuzz
  void everyAnswerIsBelow500AndARefusalChangesNothing(@ForAll("requests") Request request)
      throws IOException {
    StorageSnapshot before = StorageSnapshot.of(root);
    RawHttp.Response response =
        http.send(request.method(), request.target(), request.headers(), request.body());
    assertThat(response.status()).as(response.text()).isBetween(200, 499);
    if (response.status() < 400) {
      return;
    }
    if (!request.method().equals("HEAD") && !response.text().isEmpty()) {
      JsonNode error = new ObjectMapper().readTree(response.body()).path("errors").path(0);
      assertThat(error.path("code").isTextual()).as(response.text()).isTrue();
      assertThat(error.path("message").isTextual()).as(response.text()).isTrue();
    }
    assertThat(StorageSnapshot.of(root)).as("storage after %s", response.text())
        .isEqualTo(before);
  }
}
