package dev.isla.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client's registry operations on the run's registry (by its virtual host): pushes of small
 * images into its own repository (two blob uploads, then the manifest), manifest GETs by tag,
 * blob GETs whole and by {@code Range} (following a data-endpoint redirect), tag listings, and
 * pulls of MCR images through the cache rule. Every body is checked against its digest or
 * against what this client pushed.
 */
final class RegistryMix {

  static final String ACCEPT = "application/vnd.oci.image.index.v1+json, "
      + "application/vnd.oci.image.manifest.v1+json, "
      + "application/vnd.docker.distribution.manifest.v2+json, "
      + "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private final LoadClient c;
  private final LoadTarget t;
  private final String repository;

  RegistryMix(LoadClient client) {
    this.c = client;
    this.t = client.target;
    this.repository = "load/c" + client.id;
  }

  /** One operation, chosen by weight. */
  void step() {
    int roll = c.random.nextInt(100);
    if (roll < 10) {
      push();
    } else if (roll < 35) {
      manifestByTag();
    } else if (roll < 55) {
      wholeBlob();
    } else if (roll < 75) {
      blobRange();
    } else if (roll < 90) {
      cachePull();
    } else {
      tagList();
    }
  }

  private void push() {
    int n = c.next();
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[]},\"created\":\"" + repository + ":" + n + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = new byte[1024 + c.random.nextInt(15 * 1024)];
    c.random.nextBytes(layer);
    Optional<String> configDigest = upload(config);
    Optional<String> layerDigest = configDigest.flatMap(d -> upload(layer));
    if (layerDigest.isEmpty()) {
      return;
    }
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest.get()
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest.get() + "\",\"size\":"
        + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    String tag = "t" + n;
    String digest = digest(manifest);
    c.call("reg.manifest.put", c.registry, "PUT", "/v2/" + repository + "/manifests/" + tag,
        t.loginServer(), Map.of("Content-Type", OCI_MANIFEST), manifest, Set.of(201)).ifPresent(r -> {
          if (!r.header("Docker-Content-Digest").equals(digest)) {
            c.mismatch("reg.manifest.put", tag + " acknowledged as " + r.header("Docker-Content-Digest") + ", pushed " + digest);
          }
          c.ledger.pushed.add(new Ledger.Pushed(repository, tag, digest, manifest, layerDigest.get(), layer.length));
        });
  }

  /** POST then PUT with the whole body ({@code ?digest=}); the digest once the registry took it. */
  private Optional<String> upload(byte[] blob) {
    String digest = digest(blob);
    Optional<String> location = c.call("reg.upload.post", c.registry, "POST",
        "/v2/" + repository + "/blobs/uploads/", t.loginServer(), Map.of(), null, Set.of(202))
        .map(r -> r.header("Location"));
    if (location.isEmpty()) {
      return Optional.empty();
    }
    URI uri = URI.create(location.get());
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "?" : "?" + uri.getRawQuery() + "&");
    return c.call("reg.upload.put", c.registry, "PUT", path + "digest=" + digest, t.loginServer(),
        Map.of("Content-Type", "application/octet-stream"), blob, Set.of(201)).map(r -> digest);
  }

  private void manifestByTag() {
    if (c.ledger.pushed.isEmpty()) {
      cachePull();
      return;
    }
    Ledger.Pushed p = c.ledger.pushed.get(c.random.nextInt(c.ledger.pushed.size()));
    c.call("reg.manifest.get", c.registry, "GET", "/v2/" + p.repository() + "/manifests/" + p.tag(),
        t.loginServer(), Map.of("Accept", ACCEPT), null, Set.of(200)).ifPresent(r -> {
          if (!Arrays.equals(r.body(), p.manifest())) {
            c.mismatch("reg.manifest.get", p.repository() + ":" + p.tag() + " is not the manifest pushed");
          }
        });
  }

  private void wholeBlob() {
    if (!c.ledger.pushed.isEmpty() && c.random.nextBoolean()) {
      Ledger.Pushed p = c.ledger.pushed.get(c.random.nextInt(c.ledger.pushed.size()));
      blob("reg.blob.get", p.repository(), p.layer(), Map.of(), Set.of(200))
          .ifPresent(body -> checkDigest("reg.blob.get", p.layer(), body));
      return;
    }
    LoadTarget.Fixture f = t.fixture();
    blob("reg.blob.get", f.repository(), f.digest(), Map.of(), Set.of(200))
        .ifPresent(body -> checkDigest("reg.blob.get", f.digest(), body));
  }

  private void blobRange() {
    LoadTarget.Fixture f = t.fixture();
    int start = c.random.nextInt(f.bytes().length);
    int end = Math.min(f.bytes().length - 1, start + c.random.nextInt(64 * 1024));
    blob("reg.blob.range", f.repository(), f.digest(), Map.of("Range", "bytes=" + start + "-" + end),
        Set.of(206)).ifPresent(body -> {
          if (!Arrays.equals(body, Arrays.copyOfRange(f.bytes(), start, end + 1))) {
            c.mismatch("reg.blob.range", "bytes " + start + "-" + end + " of " + f.digest() + " differ");
          }
        });
  }

  private void tagList() {
    String repo = c.ledger.pushed.isEmpty() ? t.fixture().repository() : repository;
    c.call("reg.tags.list", c.registry, "GET", "/v2/" + repo + "/tags/list", t.loginServer(),
        Map.of(), null, Set.of(200)).ifPresent(r -> {
          String body = r.text();
          for (Ledger.Pushed p : c.ledger.pushed) {
            if (!body.contains("\"" + p.tag() + "\"")) {
              c.mismatch("reg.tags.list", repo + " does not list the pushed tag " + p.tag());
            }
          }
        });
  }

  /** A pull through the cache rule: manifest by tag, child manifests, then every blob. */
  private void cachePull() {
    LoadTarget.McrImage image = t.mcrImages().get(c.random.nextInt(t.mcrImages().size()));
    String repo = LoadTarget.CACHE_PREFIX + image.repository();
    if (!manifest("reg.cache.manifest", repo, image.tag(), image.digest())) {
      return;
    }
    for (String child : image.children()) {
      if (!manifest("reg.cache.manifest", repo, child, child)) {
        return;
      }
    }
    for (String blob : image.blobs()) {
      blob("reg.cache.blob", repo, blob, Map.of(), Set.of(200)).ifPresent(body -> checkDigest("reg.cache.blob", blob, body));
    }
  }

  private boolean manifest(String kind, String repo, String reference, String digest) {
    return c.call(kind, c.registry, "GET", "/v2/" + repo + "/manifests/" + reference, t.loginServer(),
        Map.of("Accept", ACCEPT), null, Set.of(200)).map(r -> checkDigest(kind, digest, r.body())).orElse(false);
  }

  /** A blob GET on the login server; a {@code 307} to a data endpoint is followed (kind {@code .data}). */
  private Optional<byte[]> blob(String kind, String repo, String digest, Map<String, String> headers,
      Set<Integer> expected) {
    Optional<LoadHttp.Response> first = c.call(kind, c.registry, "GET", "/v2/" + repo + "/blobs/" + digest,
        t.loginServer(), headers, null, union(expected, 307));
    if (first.isEmpty() || first.get().status() != 307) {
      return first.map(LoadHttp.Response::body);
    }
    URI to = URI.create(first.get().header("Location"));
    String target = to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
    return c.call(kind + ".data", c.registry, "GET", target, to.getRawAuthority(), headers, null, expected)
        .map(LoadHttp.Response::body);
  }

  private boolean checkDigest(String kind, String digest, byte[] body) {
    if (!digest(body).equals(digest)) {
      c.mismatch(kind, "a body of " + body.length + " bytes does not hash to " + digest);
      return false;
    }
    return true;
  }

  private static Set<Integer> union(Set<Integer> a, int b) {
    Set<Integer> all = new HashSet<>(a);
    all.add(b);
    return all;
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static List<String> blobsOf(JsonNode manifest) {
    List<String> blobs = new ArrayList<>();
    if (manifest.has("config")) {
      blobs.add(manifest.path("config").path("digest").asText());
    }
    manifest.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
    return blobs;
  }
}
