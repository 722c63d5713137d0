package dev.isla.registry.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fuzz.Fuzz;
import dev.isla.fuzz.Mutations;
import dev.isla.registry.Oci;
import dev.isla.registry.api.RegistryException;
import dev.isla.registry.api.RegistryRoute;
import dev.isla.registry.oci.ByteRange;
import dev.isla.registry.oci.ContentRange;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.ManifestSummary;
import dev.isla.registry.oci.Reference;
import dev.isla.registry.oci.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Fuzzes the registry's value parsers (digests, names, references, ranges, manifests, routes).
 * Contract: a value or {@link IllegalArgumentException} (a {@link RegistryException} for routes);
 * a parsed value prints back to what parses to itself.
 */
class RegistryValueFuzzTest {

  static final String SHA = "sha256:" + "a1".repeat(32);
  static final List<String> NAMES = List.of("library/nginx", "oss/kubernetes/pause",
      "a", "a.b_c__d---e/f0", "aks-managed-repository/oss/v2/pause");
  static final List<String> REFERENCES = List.of("latest", "v1.2.3-rc_1", SHA,
      "sha512:" + "0f".repeat(64), "_x");
  static final List<String> RANGES = List.of("bytes=0-99", "bytes=-5", "bytes=10-",
      "0-1023", "bytes 0-1023/4096", "bytes=0-1023/*");
  static final List<String> PATHS = List.of("/v2/", "/v2/_catalog", "/v2/a/b/manifests/latest",
      "/v2/a/blobs/" + SHA, "/v2/a/blobs/uploads/", "/v2/a/blobs/uploads/1234-uuid",
      "/v2/a/tags/list", "/v2/a/referrers/" + SHA, "/aks-managed-repository/v2/oss/pause/manifests/3.10");
  static final List<String> TOKENS = List.of("sha256", "sha512", "v2", "manifests", "blobs",
      "uploads", "tags", "list", "bytes", "bytes=", "%2e%2e%2f", "..%2f", "%5c", "/..", "/./");

  static final byte[] CONFIG = Oci.utf8("{\"os\":\"linux\"}");
  static final List<String> MANIFESTS = List.of(
      new String(Oci.imageManifest(CONFIG, Oci.random(10, 1), Oci.random(10, 2)),
          StandardCharsets.UTF_8),
      "{\"schemaVersion\":2,\"mediaType\":\"" + Oci.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
          + Oci.OCI_MANIFEST + "\",\"digest\":\"" + SHA + "\",\"size\":7,\"platform\":"
          + "{\"os\":\"linux\",\"architecture\":\"arm64\"}}],\"subject\":{\"mediaType\":\"x\","
          + "\"digest\":\"" + SHA + "\",\"size\":1},\"annotations\":{\"a\":\"b\"}}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.artifact.manifest.v1+json\","
          + "\"artifactType\":\"t\",\"blobs\":[{\"mediaType\":\"m\",\"digest\":\"" + SHA
          + "\",\"size\":0}]}");
  static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", "null", "-1", "1.5",
      "\"schemaVersion\":2,", "\"size\":", "\"digest\":", "[".repeat(3000), "1e999", "\"\\u0000\"");

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(Mutations.of(NAMES, TOKENS),
        Arbitraries.strings().withChars("abc019._-/").ofMaxLength(300));
  }

  @Provide
  Arbitrary<String> references() {
    return Arbitraries.oneOf(Mutations.of(REFERENCES, TOKENS), Arbitraries.strings().all()
        .ofMaxLength(140));
  }

  @Provide
  Arbitrary<String> ranges() {
    return Arbitraries.oneOf(Mutations.of(RANGES, TOKENS),
        Arbitraries.strings().withChars("bytes=0123456789-/* ").ofMaxLength(60));
  }

  @Provide
  Arbitrary<Long> sizes() {
    return Arbitraries.oneOf(Arbitraries.longs().between(0, 5000), Arbitraries.longs()
        .greaterOrEqual(0));
  }

  @Provide
  Arbitrary<String> paths() {
    return Mutations.of(PATHS, TOKENS);
  }

  @Provide
  Arbitrary<String> manifests() {
    return Arbitraries.oneOf(Mutations.of(MANIFESTS, JSON_TOKENS), Arbitraries.strings().all()
        .ofMaxLength(100));
  }

  @Fuzz
  void repositoryNames(@ForAll("names") String text) {
    try {
      RepositoryName name = RepositoryName.parse(text);
      assertThat(name.value()).doesNotContain("..", "//", "\\").doesNotStartWith("/")
          .hasSizeLessThanOrEqualTo(RepositoryName.MAX_LENGTH);
      assertThat(RepositoryName.parse(name.toString())).isEqualTo(name);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Fuzz
  void referencesAndDigests(@ForAll("references") String text) {
    try {
      Reference reference = Reference.parse(text);
      assertThat(Reference.parse(reference.toString())).isEqualTo(reference);
      // The tag grammar allows "a..b" (not a path step); a reference never is a path by itself.
      assertThat(reference.toString()).doesNotContain("/", "\\").isNotIn(".", "..");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      Digest digest = Digest.parse(text);
      assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Fuzz
  void rangesResolveInsideTheBlob(@ForAll("ranges") String header, @ForAll("sizes") long size) {
    if (ByteRange.parse(Optional.of(header), size) instanceof ByteRange.Part part) {
      assertThat(part.range().start()).isBetween(0L, size - 1);
      assertThat(part.range().end()).isBetween(part.range().start(), size - 1);
      assertThat(part.range().length()).isPositive();
    }
    try {
      ContentRange range = ContentRange.parse(header);
      assertThat(range.length()).isPositive();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Fuzz
  void manifestsParseOrRefuse(@ForAll("manifests") String text) {
    try {
      ManifestSummary summary = ManifestSummary.parse(text.getBytes(StandardCharsets.UTF_8));
      summary.effectiveArtifactType();
      summary.layers().forEach(d -> assertThat(d.size()).isNotNegative());
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Fuzz
  void routesParseOrRefuseWithARegistryError(@ForAll("paths") String path) {
    try {
      RegistryRoute route = RegistryRoute.parse(path);
      route.repository().ifPresent(name -> assertThat(name.value()).doesNotContain(".."));
    } catch (RegistryException e) {
      assertThat(e.code().status()).isBetween(400, 499);
    }
  }
}
