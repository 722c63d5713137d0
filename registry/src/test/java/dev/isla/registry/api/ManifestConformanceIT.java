package dev.isla.registry.api;

import static dev.isla.registry.Oci.errorCode;
import static dev.isla.registry.Oci.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isla.registry.Oci;
import dev.isla.registry.OciClient;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.MemoryDriver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifest, tag-list, referrers and content-management cases of the OCI conformance suite
 * (research/registry.md §3.3, §3.4) over real HTTP.
 */
class ManifestConformanceIT {

  static RegistryFixture fixture;
  static OciClient client;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    fixture = new RegistryFixture(new MemoryDriver());
    client = fixture.client;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void imageByTagAndDigestIsServedByteForByte() {
    byte[] manifest = Oci.pushImage(client, "man/image", "v1", 1);
    Digest digest = Digest.sha256(manifest);
    for (String reference : new String[] {"v1", digest.toString()}) {
      HttpResponse<byte[]> get = client.get("/v2/man/image/manifests/" + reference,
          "Accept", Oci.OCI_MANIFEST);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).isEqualTo(manifest);
      assertThat(get.headers().firstValue("Content-Type")).hasValue(Oci.OCI_MANIFEST);
      assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
      HttpResponse<byte[]> head = client.head("/v2/man/image/manifests/" + reference);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Length")).hasValue("" + manifest.length);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void pushAnswersWithLocationAndDigest() {
    byte[] config = utf8("{\"n\":1}");
    Oci.pushBlob(client, "man/push", config);
    byte[] manifest = Oci.imageManifest(config);
    Digest digest = Digest.sha256(manifest);
    HttpResponse<byte[]> put = client.put("/v2/man/push/manifests/" + digest, manifest,
        "Content-Type", Oci.OCI_MANIFEST);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location"))
        .hasValue("/v2/man/push/manifests/" + digest);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
    assertThat(put.headers().firstValue("OCI-Subject")).isEmpty();
  }

  @Test
  void dockerManifestsKeepTheirContentTypeAndBytes() {
    byte[] config = utf8("{\"docker\":true}");
    Oci.pushBlob(client, "man/docker", config);
    // Odd spacing on purpose: a registry that re-serialises would change the digest.
    byte[] manifest = utf8("{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"" + Oci.DOCKER_MANIFEST
        + "\",\n   \"config\": " + Oci.descriptor("application/vnd.docker.container.image.v1+json",
        config) + ",\n   \"layers\": []\n}");
    client.put("/v2/man/docker/manifests/latest", manifest, "Content-Type", Oci.DOCKER_MANIFEST);
    HttpResponse<byte[]> get = client.get("/v2/man/docker/manifests/latest",
        "Accept", Oci.DOCKER_MANIFEST);
    assertThat(get.body()).isEqualTo(manifest);
    assertThat(get.headers().firstValue("Content-Type")).hasValue(Oci.DOCKER_MANIFEST);
  }

  @Test
  void manifestsNeedTheirBlobs() {
    byte[] manifest = Oci.imageManifest(utf8("{\"never\":\"pushed\"}"));
    HttpResponse<byte[]> put = client.put("/v2/man/orphan/manifests/v1", manifest,
        "Content-Type", Oci.OCI_MANIFEST);
    assertThat(put.statusCode()).isEqualTo(404);
    assertThat(errorCode(put)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    assertThat(client.get("/v2/man/orphan/manifests/v1").statusCode()).isEqualTo(404);
  }

  @Test
  void invalidManifestsAreRefused() {
    assertThat(errorCode(client.put("/v2/man/bad/manifests/v1", utf8("not json"),
        "Content-Type", Oci.OCI_MANIFEST))).isEqualTo("MANIFEST_INVALID");
    assertThat(errorCode(client.put("/v2/man/bad/manifests/v1",
        utf8("{\"schemaVersion\":1}"), "Content-Type", Oci.OCI_MANIFEST)))
        .isEqualTo("MANIFEST_INVALID");
    byte[] config = utf8("{}");
    Oci.pushBlob(client, "man/bad", config);
    HttpResponse<byte[]> mismatch = client.put("/v2/man/bad/manifests/v1",
        Oci.imageManifest(config), "Content-Type", Oci.DOCKER_MANIFEST);
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(errorCode(mismatch)).isEqualTo("MANIFEST_INVALID");
  }

  @Test
  void digestMismatchAndMalformedDigests() {
    byte[] config = utf8("{\"d\":1}");
    Oci.pushBlob(client, "man/digest", config);
    byte[] manifest = Oci.imageManifest(config);
    HttpResponse<byte[]> wrong = client.put("/v2/man/digest/manifests/"
        + Digest.sha256(utf8("other")), manifest, "Content-Type", Oci.OCI_MANIFEST);
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(errorCode(wrong)).isEqualTo("DIGEST_INVALID");
    HttpResponse<byte[]> malformed = client.put("/v2/man/digest/manifests/sha256:baddigeststring",
        manifest, "Content-Type", Oci.OCI_MANIFEST);
    assertThat(malformed.statusCode()).isEqualTo(400);
    HttpResponse<byte[]> get = client.get("/v2/man/digest/manifests/sha256:totallywrong");
    assertThat(get.statusCode()).isEqualTo(400);
    assertThat(errorCode(get)).isEqualTo("DIGEST_INVALID");
  }

  @Test
  void missingManifestsAre404() {
    assertThat(errorCode(client.get("/v2/man/none/manifests/v1"))).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(client.head("/v2/man/none/manifests/" + Digest.sha256(utf8("x"))).statusCode())
        .isEqualTo(404);
  }

  @Test
  void indexesMayBeSparseAndNegotiateForOldClients() {
    byte[] amd64 = Oci.pushImage(client, "man/index", "amd64", 2);
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + Oci.OCI_INDEX + "\",\"manifests\":["
        + platform(amd64, "amd64") + "," + platform(utf8("{\"absent\":1}"), "arm64") + "]}";
    HttpResponse<byte[]> put = client.put("/v2/man/index/manifests/multi", utf8(index),
        "Content-Type", Oci.OCI_INDEX);
    assertThat(put.statusCode()).isEqualTo(201);
    HttpResponse<byte[]> asIndex = client.get("/v2/man/index/manifests/multi",
        "Accept", Oci.OCI_INDEX + ", " + Oci.OCI_MANIFEST);
    assertThat(asIndex.body()).isEqualTo(utf8(index));
    assertThat(client.get("/v2/man/index/manifests/multi").body()).isEqualTo(utf8(index));
    HttpResponse<byte[]> oldClient = client.get("/v2/man/index/manifests/multi",
        "Accept", Oci.OCI_MANIFEST);
    assertThat(oldClient.statusCode()).isEqualTo(200);
    assertThat(oldClient.body()).isEqualTo(amd64);
    assertThat(oldClient.headers().firstValue("Docker-Content-Digest"))
        .hasValue(Digest.sha256(amd64).toString());
  }

  @Test
  void artifactsWithSubjectsAndTheReferrersApi() throws IOException {
    byte[] subject = Oci.pushImage(client, "man/referred", "v1", 3);
    Digest subjectDigest = Digest.sha256(subject);
    Oci.pushBlob(client, "man/referred", Oci.EMPTY_JSON);
    List<Digest> referrers = new ArrayList<>();
    for (String type : new String[] {"application/vnd.example.sbom", "application/vnd.example.sig",
        "application/vnd.example.sbom"}) {
      byte[] layer = utf8(type + referrers.size());
      Oci.pushBlob(client, "man/referred", layer);
      byte[] artifact = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + Oci.OCI_MANIFEST
          + "\",\"artifactType\":\"" + type + "\",\"config\":"
          + Oci.descriptor("application/vnd.oci.empty.v1+json", Oci.EMPTY_JSON)
          + ",\"layers\":[" + Oci.descriptor("text/plain", layer) + "],\"subject\":"
          + Oci.descriptor(Oci.OCI_MANIFEST, subject)
          + ",\"annotations\":{\"n\":\"" + referrers.size() + "\"}}");
      Digest digest = Digest.sha256(artifact);
      HttpResponse<byte[]> put = client.put("/v2/man/referred/manifests/" + digest, artifact,
          "Content-Type", Oci.OCI_MANIFEST);
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(put.headers().firstValue("OCI-Subject")).hasValue(subjectDigest.toString());
      referrers.add(digest);
    }
    HttpResponse<byte[]> all = client.get("/v2/man/referred/referrers/" + subjectDigest);
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).hasValue(Oci.OCI_INDEX);
    JsonNode index = JSON.readTree(all.body());
    assertThat(index.path("manifests")).hasSize(3);
    assertThat(index.path("manifests").findValuesAsText("digest"))
        .containsExactlyInAnyOrderElementsOf(referrers.stream().map(Digest::toString).toList());
    assertThat(index.path("manifests").get(0).path("annotations").has("n")).isTrue();
    HttpResponse<byte[]> filtered = client.get("/v2/man/referred/referrers/" + subjectDigest
        + "?artifactType=application/vnd.example.sbom");
    assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    assertThat(JSON.readTree(filtered.body()).path("manifests")).hasSize(2);
    HttpResponse<byte[]> unknown = client.get("/v2/man/referred/referrers/"
        + Digest.sha256(utf8("nobody")));
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(unknown.body()).path("manifests")).isEmpty();
    client.delete("/v2/man/referred/manifests/" + referrers.get(0));
    assertThat(JSON.readTree(client.get("/v2/man/referred/referrers/" + subjectDigest).body())
        .path("manifests")).hasSize(2);
  }

  @Test
  void aSubjectThatWasNeverPushedStillListsItsReferrer() throws IOException {
    Oci.pushBlob(client, "man/dangling", Oci.EMPTY_JSON);
    Digest ghost = Digest.sha256(utf8("ghost"));
    byte[] artifact = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + Oci.OCI_MANIFEST
        + "\",\"artifactType\":\"application/vnd.example\",\"config\":"
        + Oci.descriptor("application/vnd.oci.empty.v1+json", Oci.EMPTY_JSON)
        + ",\"layers\":[],\"subject\":{\"mediaType\":\"" + Oci.OCI_MANIFEST + "\",\"digest\":\""
        + ghost + "\",\"size\":5}}");
    HttpResponse<byte[]> put = client.put("/v2/man/dangling/manifests/"
        + Digest.sha256(artifact), artifact, "Content-Type", Oci.OCI_MANIFEST);
    assertThat(put.headers().firstValue("OCI-Subject")).hasValue(ghost.toString());
    assertThat(JSON.readTree(client.get("/v2/man/dangling/referrers/" + ghost).body())
        .path("manifests")).hasSize(1);
  }

  @Test
  void tagListsPaginateWithLink() throws IOException {
    byte[] manifest = Oci.pushImage(client, "man/tags", "t0", 4);
    for (int i = 1; i < 5; i++) {
      client.put("/v2/man/tags/manifests/t" + i, manifest, "Content-Type", Oci.OCI_MANIFEST);
    }
    JsonNode all = JSON.readTree(client.get("/v2/man/tags/tags/list").body());
    assertThat(all.path("name").asText()).isEqualTo("man/tags");
    assertThat(texts(all.path("tags"))).containsExactly("t0", "t1", "t2", "t3", "t4");
    HttpResponse<byte[]> first = client.get("/v2/man/tags/tags/list?n=2");
    assertThat(texts(JSON.readTree(first.body()).path("tags"))).containsExactly("t0", "t1");
    assertThat(first.headers().firstValue("Link"))
        .hasValue("</v2/man/tags/tags/list?n=2&last=t1>; rel=\"next\"");
    HttpResponse<byte[]> next = client.get("/v2/man/tags/tags/list?n=2&last=t1");
    assertThat(texts(JSON.readTree(next.body()).path("tags"))).containsExactly("t2", "t3");
    HttpResponse<byte[]> tail = client.get("/v2/man/tags/tags/list?n=2&last=t3");
    assertThat(texts(JSON.readTree(tail.body()).path("tags"))).containsExactly("t4");
    assertThat(tail.headers().firstValue("Link")).isEmpty();
    HttpResponse<byte[]> huge = client.get("/v2/man/tags/tags/list?n=99999999999999999999");
    assertThat(texts(JSON.readTree(huge.body()).path("tags"))).hasSize(5);
    assertThat(errorCode(client.get("/v2/man/tags/tags/list?n=-1")))
        .isEqualTo("PAGINATION_NUMBER_INVALID");
    assertThat(errorCode(client.get("/v2/man/never/tags/list"))).isEqualTo("NAME_UNKNOWN");
  }

  @Test
  void tagParametersOnPush() throws IOException {
    byte[] config = utf8("{\"tagparam\":1}");
    Oci.pushBlob(client, "man/tagparam", config);
    byte[] manifest = Oci.imageManifest(config);
    HttpResponse<byte[]> put = client.put("/v2/man/tagparam/manifests/" + Digest.sha256(manifest)
        + "?tag=a&tag=b", manifest, "Content-Type", Oci.OCI_MANIFEST);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(texts(JSON.readTree(client.get("/v2/man/tagparam/tags/list").body()).path("tags")))
        .containsExactly("a", "b");
  }

  @Test
  void catalogListsRepositories() throws IOException {
    Oci.pushImage(client, "cat/one", "v1", 5);
    Oci.pushImage(client, "cat/two", "v1", 6);
    List<String> repositories = texts(JSON.readTree(client.get("/v2/_catalog").body())
        .path("repositories"));
    assertThat(repositories).contains("cat/one", "cat/two").isSorted();
    HttpResponse<byte[]> page = client.get("/v2/_catalog?n=1&last=cat/one");
    assertThat(texts(JSON.readTree(page.body()).path("repositories"))).containsExactly("cat/two");
    assertThat(page.headers().firstValue("Link").orElseThrow())
        .isEqualTo("</v2/_catalog?n=1&last=cat/two>; rel=\"next\"");
  }

  @Test
  void contentManagement() throws IOException {
    byte[] manifest = Oci.pushImage(client, "man/delete", "keep", 7);
    client.put("/v2/man/delete/manifests/drop", manifest, "Content-Type", Oci.OCI_MANIFEST);
    assertThat(client.delete("/v2/man/delete/manifests/drop").statusCode()).isEqualTo(202);
    assertThat(client.get("/v2/man/delete/manifests/drop").statusCode()).isEqualTo(404);
    assertThat(texts(JSON.readTree(client.get("/v2/man/delete/tags/list").body()).path("tags")))
        .containsExactly("keep");
    Digest digest = Digest.sha256(manifest);
    assertThat(client.delete("/v2/man/delete/manifests/" + digest).statusCode()).isEqualTo(202);
    assertThat(client.get("/v2/man/delete/manifests/" + digest).statusCode()).isEqualTo(404);
    assertThat(client.get("/v2/man/delete/manifests/keep").statusCode()).isEqualTo(404);
    assertThat(client.delete("/v2/man/delete/manifests/" + digest).statusCode()).isEqualTo(404);
  }

  private static String platform(byte[] manifest, String architecture) {
    return "{\"mediaType\":\"" + Oci.OCI_MANIFEST + "\",\"digest\":\"" + Digest.sha256(manifest)
        + "\",\"size\":" + manifest.length + ",\"platform\":{\"architecture\":\"" + architecture
        + "\",\"os\":\"linux\"}}";
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(node -> result.add(node.asText()));
    return result;
  }
}
