package dev.isla.registry.proxy;

import static dev.isla.registry.Oci.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isla.registry.Oci;
import dev.isla.registry.OciClient;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.fuzz.StorageSnapshot;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.proxy.ScriptedUpstream.Answer;
import dev.isla.registry.proxy.ScriptedUpstream.Fault;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upstream fault matrix (docs/RELIABILITY.md): for each way a cache rule's source can fail —
 * 5xx, 429 with {@code Retry-After} in both forms, a broken token realm, refused connections,
 * and, for manifests, wrong, short, dropped and stalled bodies — and each kind of pull (blob,
 * manifest by tag, manifest by digest), concurrent clients all get the error in the spec's JSON
 * with the chosen status and the source's {@code Retry-After}; nothing is stored (the storage
 * folder's files are unchanged); and once the source recovers the next pull succeeds with exactly
 * one more upstream fetch. Cached content is served while the source fails. Faults cutting a blob
 * transfer mid-body are in {@link SingleFlightIT}.
 */
class UpstreamFaultIT {

  static final String REPO = "oss/kubernetes/pause";
  static final String BASE = "/v2/aks-managed-repository/" + REPO;
  static final String SOURCE_FAILED = "request to pull from source 'mcr.microsoft.com/" + REPO
      + "' for cache rule 'aks-managed-mcr' has failed";
  static final String HTTP_DATE = "Wed, 21 Oct 2026 07:28:00 GMT";
  static final int CLIENTS = 4;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path root;

  ScriptedUpstream upstream;
  RegistryFixture fixture;
  OciClient client;
  byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
  byte[] layer = Oci.random(300_000, 3);
  byte[] manifest = Oci.imageManifest(config, layer);

  /** A pull kind: its path, its expected body and the upstream requests that fetch it. */
  enum Target {
    BLOB, TAG, DIGEST;

    String path(UpstreamFaultIT t) {
      return switch (this) {
        case BLOB -> BASE + "/blobs/" + Digest.sha256(t.layer);
        case TAG -> BASE + "/manifests/3.6";
        case DIGEST -> BASE + "/manifests/" + Digest.sha256(t.manifest);
      };
    }

    byte[] body(UpstreamFaultIT t) {
      return this == BLOB ? t.layer : t.manifest;
    }

    String fetches() {
      return this == BLOB ? "GET /v2/" + REPO + "/blobs/" : "GET /v2/" + REPO + "/manifests/";
    }
  }

  /** A way to break the source, and what every client must get while it is broken. */
  record Case(String name, Consumer<UpstreamFaultIT> breaks, int status, String code,
      Optional<String> retryAfter) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> statusCases() {
    return List.of(
        answering("500", 500, Map.of(), 424, "UNKNOWN", null),
        answering("502", 502, Map.of(), 424, "UNKNOWN", null),
        answering("504", 504, Map.of(), 424, "UNKNOWN", null),
        answering("503 without Retry-After", 503, Map.of(), 503, "UNAVAILABLE", null),
        answering("503 Retry-After 7", 503, Map.of("Retry-After", "7"), 503, "UNAVAILABLE", "7"),
        answering("429 Retry-After 3", 429, Map.of("Retry-After", "3"), 429, "TOOMANYREQUESTS",
            "3"),
        answering("429 Retry-After HTTP-date", 429, Map.of("Retry-After", HTTP_DATE), 429,
            "TOOMANYREQUESTS", HTTP_DATE),
        answering("429 malformed Retry-After", 429, Map.of("Retry-After", "soon"), 429,
            "TOOMANYREQUESTS", null),
        new Case("401 realm refused", t -> t.upstream.brokenRealm("http://127.0.0.1:1/token"),
            424, "UNKNOWN", Optional.empty()),
        new Case("401 realm not a URL", t -> t.upstream.brokenRealm("::not a url"), 424,
            "UNKNOWN", Optional.empty()),
        new Case("401 realm a file", t -> t.upstream.brokenRealm("file:///etc/passwd"), 424,
            "UNKNOWN", Optional.empty()),
        new Case("down", t -> t.upstream.down(), 424, "UNKNOWN", Optional.empty()));
  }

  static List<Case> manifestBodyCases() {
    return Stream.of(Fault.CORRUPT, Fault.TRUNCATE, Fault.DROP, Fault.STALL)
        .map(fault -> new Case("manifest " + fault, t -> t.upstream.fault(
            Digest.sha256(t.manifest), fault), 424, "UNKNOWN", Optional.empty()))
        .toList();
  }

  static Stream<Arguments> matrix() {
    Stream<Arguments> statuses = statusCases().stream().flatMap(c -> Stream.of(Target.values())
        .map(target -> Arguments.of(target, c)));
    Stream<Arguments> bodies = manifestBodyCases().stream().flatMap(c -> Stream.of(
        Arguments.of(Target.TAG, c), Arguments.of(Target.DIGEST, c)));
    return Stream.concat(statuses, bodies);
  }

  private static Case answering(String name, int upstreamStatus, Map<String, String> headers,
      int status, String code, String retryAfter) {
    return new Case(name, t -> t.upstream.answer("*", new Answer(upstreamStatus, headers)),
        status, code, Optional.ofNullable(retryAfter));
  }

  void start(Duration tagFreshness) throws IOException {
    upstream = new ScriptedUpstream();
    upstream.manifest(REPO, "3.6", Oci.OCI_MANIFEST, manifest);
    upstream.blob(REPO, config);
    upstream.blob(REPO, layer);
    fixture = new RegistryFixture(new FilesystemDriver(root), new UpstreamMap(
        Map.of("mcr.microsoft.com", upstream.base())), tagFreshness, List.of(new CacheRule(
        "aks-managed-mcr", "mcr.microsoft.com/*", "aks-managed-repository/*")));
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

  @ParameterizedTest(name = "{0} while the source {1}")
  @MethodSource("matrix")
  void aFailingSourceFailsEveryClientStoresNothingAndRecovers(Target target, Case fault)
      throws Exception {
    start(Duration.ofMinutes(5));
    String path = target.path(this);
    StorageSnapshot before = StorageSnapshot.of(root);
    fault.breaks().accept(this);
    for (HttpResponse<byte[]> answer : concurrently(path)) {
      assertRetriableError(answer, fault);
    }
    assertThat(StorageSnapshot.of(root).contentFiles()).isEqualTo(before.contentFiles());

    upstream.healAll();
    if (fault.name().equals("down")) {
      upstream.up();
    }
    long fetches = upstream.count(target.fetches());
    HttpResponse<byte[]> recovered = client.get(path);
    assertThat(recovered.statusCode()).isEqualTo(200);
    assertThat(recovered.body()).isEqualTo(target.body(this));
    assertThat(upstream.count(target.fetches())).isEqualTo(fetches + 1);
    assertThat(client.get(path).body()).isEqualTo(target.body(this));
    assertThat(upstream.count(target.fetches())).isEqualTo(fetches + 1);
  }

  @Test
  void followersOfOneFailingBlobFlightShareItsErrorAndItsOneUpstreamRequest() throws Exception {
    start(Duration.ofMinutes(5));
    // The source takes its time to fail, so every client joins the one flight meanwhile.
    upstream.answer("*", new Answer(503, Map.of("Retry-After", "5"), 1_500));
    List<HttpResponse<byte[]>> answers = concurrently(Target.BLOB.path(this), 8);
    for (HttpResponse<byte[]> answer : answers) {
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
    }
    assertThat(upstream.count(Target.BLOB.fetches())).isEqualTo(1);
  }

  static Stream<Case> cachedCases() {
    Case stall = new Case("stalls", t -> t.upstream.answer("*",
        new Answer(200, Map.of(), 60_000)), 200, "", Optional.empty());
    return Stream.concat(statusCases().stream(), Stream.of(stall));
  }

  @ParameterizedTest(name = "cached content is served while the source {0}")
  @MethodSource("cachedCases")
  void cachedContentIsServedWhileTheSourceFails(Case fault) throws Exception {
    start(Duration.ZERO);
    for (Target target : Target.values()) {
      assertThat(client.get(target.path(this)).statusCode()).isEqualTo(200);
    }
    fault.breaks().accept(this);
    // The tag is past its freshness window (zero): each pull asks the source, which fails.
    for (Target target : List.of(Target.TAG, Target.DIGEST, Target.BLOB)) {
      for (HttpResponse<byte[]> answer : concurrently(target.path(this))) {
        assertThat(answer.statusCode()).as(target.name()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(target.body(this));
      }
    }
    assertThat(upstream.count(Target.BLOB.fetches())).isEqualTo(1);
    assertThat(upstream.count(Target.DIGEST.fetches())).isEqualTo(1);
  }

  private List<HttpResponse<byte[]>> concurrently(String path) throws Exception {
    return concurrently(path, CLIENTS);
  }

  private List<HttpResponse<byte[]>> concurrently(String path, int clients) throws Exception {
    List<HttpResponse<byte[]>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<byte[]>>> pulls = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        pulls.add(pool.submit(() -> client.get(path)));
      }
      for (Future<HttpResponse<byte[]>> pull : pulls) {
        answers.add(pull.get());
      }
    }
    return answers;
  }

  private static void assertRetriableError(HttpResponse<byte[]> answer, Case fault)
      throws IOException {
    assertThat(answer.statusCode()).as(fault.name()).isEqualTo(fault.status());
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode error = JSON.readTree(answer.body()).path("errors").path(0);
    assertThat(error.path("code").asText()).isEqualTo(fault.code());
    assertThat(error.path("detail").asText()).startsWith(SOURCE_FAILED);
    assertThat(answer.headers().firstValue("Retry-After")).isEqualTo(fault.retryAfter());
  }
}
