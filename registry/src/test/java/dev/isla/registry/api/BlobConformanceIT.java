package dev.isla.registry.api;

import static dev.isla.registry.Oci.errorCode;
import static dev.isla.registry.Oci.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.Oci;
import dev.isla.registry.OciClient;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob cases of the OCI conformance suite (research/registry.md §3.3, §3.4), over real
 * HTTP against the filesystem driver: every upload method, then HEAD/GET/DELETE, ranges,
 * well-known blobs, bad digests and cross-repository mounts.
 */
class BlobConformanceIT {

  @TempDir
  static Path root;

  static RegistryFixture fixture;
  static OciClient client;

  @BeforeAll
  static void start() {
    fixture = new RegistryFixture(new FilesystemDriver(root));
    client = fixture.client;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void pingAnswersWithTheApiVersion() {
    HttpResponse<byte[]> response = client.get("/v2/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Docker-Distribution-Api-Version"))
        .hasValue("registry/2.0");
  }

  @Test
  void missingBlobIs404WithSpecJson() {
    Digest digest = Digest.sha256(random(10, 99));
    HttpResponse<byte[]> get = client.get("/v2/conf/missing/blobs/" + digest);
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(new String(get.body())).isEqualTo("{\"errors\":[{\"code\":\"BLOB_UNKNOWN\","
        + "\"message\":\"blob unknown to registry\",\"detail\":\"blob " + digest
        + " is not in conf/missing\"}]}");
    assertThat(client.head("/v2/conf/missing/blobs/" + digest).statusCode()).isEqualTo(404);
  }

  @Test
  void postOnlyMonolithicUpload() {
    byte[] content = random(5000, 1);
    Digest digest = Oci.pushBlob(client, "conf/post-only", content);
    assertServed("conf/post-only", digest, content);
  }

  @Test
  void postThenPut() {
    byte[] content = random(5000, 2);
    Digest digest = Digest.sha256(content);
    HttpResponse<byte[]> post = client.post("/v2/conf/post-put/blobs/uploads/", new byte[0]);
    assertThat(post.statusCode()).isEqualTo(202);
    assertThat(post.headers().firstValue("Range")).hasValue("0-0");
    String uuid = post.headers().firstValue("Docker-Upload-UUID").orElseThrow();
    assertThat(post.headers().firstValue("Location"))
        .hasValue("/v2/conf/post-put/blobs/uploads/" + uuid);
    HttpResponse<byte[]> put = client.put(location(post) + "?digest=" + digest, content,
        "Content-Type", "application/octet-stream");
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location"))
        .hasValue("/v2/conf/post-put/blobs/" + digest);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
    assertServed("conf/post-put", digest, content);
  }

  @Test
  void chunkedMultiWithOutOfOrderAndRetriedChunks() {
    byte[] content = random(3000, 3);
    Digest digest = Digest.sha256(content);
    HttpResponse<byte[]> post = client.post("/v2/conf/chunked/blobs/uploads/", new byte[0]);
    String session = location(post);
    HttpResponse<byte[]> outOfOrder = client.patch(session, slice(content, 1000, 3000),
        "Content-Range", "1000-2999", "Content-Type", "application/octet-stream");
    assertThat(outOfOrder.statusCode()).isEqualTo(416);
    assertThat(errorCode(outOfOrder)).isEqualTo("RANGE_INVALID");
    HttpResponse<byte[]> status = client.get(session);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).hasValue("0-0");
    HttpResponse<byte[]> first = client.patch(session, slice(content, 0, 1000),
        "Content-Range", "0-999", "Content-Type", "application/octet-stream");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.headers().firstValue("Range")).hasValue("0-999");
    HttpResponse<byte[]> retried = client.patch(session, slice(content, 0, 1000),
        "Content-Range", "0-999", "Content-Type", "application/octet-stream");
    assertThat(retried.statusCode()).isEqualTo(416);
    assertThat(client.get(session).headers().firstValue("Range")).hasValue("0-999");
    HttpResponse<byte[]> second = client.patch(location(first), slice(content, 1000, 3000),
        "Content-Range", "1000-2999", "Content-Type", "application/octet-stream");
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(second.headers().firstValue("Range")).hasValue("0-2999");
    HttpResponse<byte[]> put = client.put(location(second) + "?digest=" + digest, new byte[0]);
    assertThat(put.statusCode()).isEqualTo(201);
    assertServed("conf/chunked", digest, content);
  }

  @Test
  void chunkedWithTheLastChunkInThePut() {
    byte[] content = random(2000, 4);
    Digest digest = Digest.sha256(content);
    String session = location(client.post("/v2/conf/put-chunk/blobs/uploads/", new byte[0]));
    HttpResponse<byte[]> patch = client.patch(session, slice(content, 0, 1500),
        "Content-Range", "0-1499");
    HttpResponse<byte[]> put = client.put(location(patch) + "?digest=" + digest,
        slice(content, 1500, 2000), "Content-Range", "1500-1999");
    assertThat(put.statusCode()).isEqualTo(201);
    assertServed("conf/put-chunk", digest, content);
  }

  @Test
  void streamedUploadWithoutContentRange() {
    byte[] content = random(70_000, 5);
    Digest digest = Digest.sha256(content);
    String session = location(client.post("/v2/conf/stream/blobs/uploads/", new byte[0]));
    HttpResponse<byte[]> patch = client.patch(session, content);
    assertThat(patch.statusCode()).isEqualTo(202);
    assertThat(client.put(location(patch) + "?digest=" + digest, new byte[0]).statusCode())
        .isEqualTo(201);
    assertServed("conf/stream", digest, content);
  }

  @Test
  void cancelledUploadIsGone() {
    String session = location(client.post("/v2/conf/cancel/blobs/uploads/", new byte[0]));
    client.patch(session, random(10, 6));
    assertThat(client.delete(session).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> status = client.get(session);
    assertThat(status.statusCode()).isEqualTo(404);
    assertThat(errorCode(status)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void uploadSessionsBelongToTheirRepository() {
    String session = location(client.post("/v2/conf/owner/blobs/uploads/", new byte[0]));
    String elsewhere = session.replace("/conf/owner/", "/conf/thief/");
    assertThat(client.get(elsewhere).statusCode()).isEqualTo(404);
    assertThat(client.get("/v2/conf/owner/blobs/uploads/not-a-uuid").statusCode())
        .isEqualTo(404);
  }

  @Test
  void badDigestsAre400AndStoreNothing() {
    byte[] content = random(100, 7);
    Digest wrong = Digest.sha256(random(100, 8));
    HttpResponse<byte[]> post = client.post("/v2/conf/bad/blobs/uploads/?digest=" + wrong,
        content);
    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(errorCode(post)).isEqualTo("DIGEST_INVALID");
    String session = location(client.post("/v2/conf/bad/blobs/uploads/", new byte[0]));
    HttpResponse<byte[]> put = client.put(session + "?digest=" + wrong, content);
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(errorCode(put)).isEqualTo("DIGEST_INVALID");
    assertThat(client.head("/v2/conf/bad/blobs/" + wrong).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> malformed = client.post(
        "/v2/conf/bad/blobs/uploads/?digest=sha256:nothex", content);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(errorCode(malformed)).isEqualTo("DIGEST_INVALID");
    String other = location(client.post("/v2/conf/bad/blobs/uploads/", new byte[0]));
    assertThat(client.put(other, content).statusCode()).isEqualTo(400);
  }

  @Test
  void wellKnownBlobs() {
    for (byte[] content : new byte[][] {new byte[0], Oci.EMPTY_JSON}) {
      Digest digest = Oci.pushBlob(client, "conf/well-known", content);
      assertServed("conf/well-known", digest, content);
      assertThat(client.delete("/v2/conf/well-known/blobs/" + digest).statusCode())
          .isEqualTo(202);
      assertThat(client.head("/v2/conf/well-known/blobs/" + digest).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void sha512Blobs() {
    byte[] content = random(1000, 9);
    Digest digest = Digest.of("sha512", content);
    assertThat(client.post("/v2/conf/sha512/blobs/uploads/?digest=" + digest, content)
        .statusCode()).isEqualTo(201);
    assertServed("conf/sha512", digest, content);
  }

  @Test
  void crossRepositoryMount() {
    byte[] content = random(1000, 10);
    Digest digest = Oci.pushBlob(client, "conf/mount-source", content);
    HttpResponse<byte[]> mount = client.post("/v2/conf/mount-target/blobs/uploads/?mount="
        + digest + "&from=conf/mount-source", new byte[0]);
    assertThat(mount.statusCode()).isEqualTo(201);
    assertThat(mount.headers().firstValue("Location"))
        .hasValue("/v2/conf/mount-target/blobs/" + digest);
    assertServed("conf/mount-target", digest, content);
    Digest missing = Digest.sha256(random(10, 11));
    HttpResponse<byte[]> fallback = client.post("/v2/conf/mount-target/blobs/uploads/?mount="
        + missing + "&from=conf/mount-source", new byte[0]);
    assertThat(fallback.statusCode()).isEqualTo(202);
    assertThat(fallback.headers().firstValue("Location").orElseThrow())
        .startsWith("/v2/conf/mount-target/blobs/uploads/");
    HttpResponse<byte[]> anonymous = client.post("/v2/conf/mount-other/blobs/uploads/?mount="
        + digest, new byte[0]);
    assertThat(anonymous.statusCode()).isEqualTo(202);
  }

  @Test
  void aBlobOfOneRepositoryIsNotVisibleInAnother() {
    Digest digest = Oci.pushBlob(client, "conf/private", random(100, 12));
    assertThat(client.get("/v2/conf/public/blobs/" + digest).statusCode()).isEqualTo(404);
  }

  @Test
  void rangeRequestsOnA2048ByteBlob() {
    byte[] content = random(2048, 13);
    Digest digest = Oci.pushBlob(client, "conf/range", content);
    String path = "/v2/conf/range/blobs/" + digest;
    HttpResponse<byte[]> middle = client.get(path, "Range", "bytes=500-1499");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo(slice(content, 500, 1500));
    assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 500-1499/2048");
    assertThat(client.get(path, "Range", "bytes=500-").body()).isEqualTo(slice(content, 500, 2048));
    assertThat(client.get(path, "Range", "bytes=-500").body())
        .isEqualTo(slice(content, 1548, 2048));
    HttpResponse<byte[]> clamped = client.get(path, "Range", "bytes=2000-5000");
    assertThat(clamped.statusCode()).isEqualTo(206);
    assertThat(clamped.body()).isEqualTo(slice(content, 2000, 2048));
    for (String bad : new String[] {"bytes=500-0", "bytes=5000-10000"}) {
      HttpResponse<byte[]> refused = client.get(path, "Range", bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(416);
      assertThat(refused.headers().firstValue("Content-Range")).hasValue("bytes */2048");
    }
  }

  @Test
  void aLargeBlobStreamsThroughChunkedUpload() {
    byte[] content = random(8 * 1024 * 1024 + 17, 14);
    Digest digest = Digest.sha256(content);
    String session = location(client.post("/v2/conf/large/blobs/uploads/", new byte[0]));
    int half = content.length / 2;
    HttpResponse<byte[]> first = client.patch(session, slice(content, 0, half),
        "Content-Range", "0-" + (half - 1));
    HttpResponse<byte[]> second = client.patch(location(first),
        slice(content, half, content.length), "Content-Range", half + "-" + (content.length - 1));
    assertThat(client.put(location(second) + "?digest=" + digest, new byte[0]).statusCode())
        .isEqualTo(201);
    assertServed("conf/large", digest, content);
  }

  private static void assertServed(String repository, Digest digest, byte[] content) {
    HttpResponse<byte[]> head = client.head("/v2/" + repository + "/blobs/" + digest);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("" + content.length);
    assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
    HttpResponse<byte[]> get = client.get("/v2/" + repository + "/blobs/" + digest);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(content);
  }

  private static String location(HttpResponse<byte[]> response) {
    return response.headers().firstValue("Location").orElseThrow(() ->
        new AssertionError("no Location in " + response.statusCode() + " "
            + new String(response.body())));
  }

  private static byte[] slice(byte[] content, int from, int to) {
    return Arrays.copyOfRange(content, from, to);
  }
}
