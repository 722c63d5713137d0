package dev.isla.registry.proxy;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.ManifestSummary;
import dev.isla.registry.oci.MediaTypes;
import dev.isla.registry.storage.ManifestStore;
import dev.isla.registry.storage.RepositoryId;
import dev.isla.registry.storage.StoredManifest;
import dev.isla.registry.storage.TagStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manifests through a cache rule. By digest: fetched once, verified, stored, never refetched.
 * By tag: a cached tag is served as is for {@code tagFreshness}, then revalidated with one
 * upstream {@code HEAD} (coalesced across clients); when the upstream cannot be reached the
 * cached tag is served (and the check counts, so a dead upstream costs one timeout per window),
 * and without a cached tag the pull fails with ACR's 424.
 */
final class UpstreamManifests {

  private static final String ACCEPT = String.join(", ", MediaTypes.ALL_MANIFESTS);
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  private final UpstreamClient client;
  private final ManifestStore manifests;
  private final TagStore tags;
  private final Duration tagFreshness;
  private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();
  private final SingleFlight<String, Optional<StoredManifest>> flights = new SingleFlight<>();

  UpstreamManifests(UpstreamClient client, ManifestStore manifests, TagStore tags,
      Duration tagFreshness) {
    this.client = client;
    this.manifests = manifests;
    this.tags = tags;
    this.tagFreshness = tagFreshness;
  }

  Optional<StoredManifest> byDigest(CacheRules.Match match, RepositoryId repository,
      Digest digest) {
    return flights.run(repository + "@" + digest, () -> {
      try {
        return fetch(match, repository, digest.toString(), Optional.of(digest));
      } catch (IOException e) {
        throw UpstreamFailure.of(e).exception(match);
      }
    });
  }

  Optional<StoredManifest> byTag(CacheRules.Match match, RepositoryId repository, String tag,
      Optional<StoredManifest> cached) {
    String key = repository + ":" + tag;
    if (cached.isPresent() && fresh(key)) {
      return cached;
    }
    return flights.run(key, () -> {
      // A flight that ended just before this one began may have refreshed the tag.
      Optional<StoredManifest> now = tags.resolve(repository, tag)
          .flatMap(d -> manifests.get(repository, d));
      return now.isPresent() && fresh(key) ? now : revalidate(match, repository, tag, now, key);
    });
  }

  private boolean fresh(String key) {
    Long last = checkedAt.get(key);
    return last != null && System.nanoTime() - last < tagFreshness.toNanos();
  }

  private Optional<StoredManifest> revalidate(CacheRules.Match match, RepositoryId repository,
      String tag, Optional<StoredManifest> cached, String key) {
    try (UpstreamResponse head = client.send("HEAD", match.host(), path(match, tag), ACCEPT)) {
      if (head.status() == 404) {
        checkedAt.remove(key);
        return Optional.empty();
      }
      if (head.status() != 200) {
        return fallBack(match, cached, key, UpstreamFailure.answered(head));
      }
      Optional<Digest> digest = head.header("Docker-Content-Digest").filter(Digest::isDigest)
          .map(Digest::parse);
      if (digest.isPresent() && cached.map(StoredManifest::digest).equals(digest)) {
        checkedAt.put(key, System.nanoTime());
        return cached;
      }
      Optional<StoredManifest> fetched = digest.flatMap(d -> manifests.get(repository, d))
          .or(() -> fetchQuietly(match, repository, digest.map(Digest::toString).orElse(tag),
              digest));
      fetched.ifPresent(m -> tags.tag(repository, tag, m.digest()));
      checkedAt.put(key, System.nanoTime());
      return fetched.map(StoredManifest::withUpstream);
    } catch (IOException e) {
      return fallBack(match, cached, key, UpstreamFailure.of(e));
    }
  }

  private Optional<StoredManifest> fetchQuietly(CacheRules.Match match, RepositoryId repository,
      String reference, Optional<Digest> expected) {
    try {
      return fetch(match, repository, reference, expected);
    } catch (IOException e) {
      throw UpstreamFailure.of(e).exception(match);
    }
  }

  private Optional<StoredManifest> fallBack(CacheRules.Match match,
      Optional<StoredManifest> cached, String key, UpstreamFailure failure) {
    if (cached.isEmpty()) {
      throw failure.exception(match);
    }
    checkedAt.put(key, System.nanoTime());
    return cached;
  }

  private Optional<StoredManifest> fetch(CacheRules.Match match, RepositoryId repository,
      String reference, Optional<Digest> expected) throws IOException {
    try (UpstreamResponse response = client.send("GET", match.host(), path(match, reference),
        ACCEPT)) {
      if (response.status() == 404) {
        return Optional.empty();
      }
      if (response.status() != 200) {
        throw new UpstreamException(UpstreamFailure.answered(response));
      }
      byte[] bytes = read(response);
      Digest digest = expected.orElseGet(() -> Digest.sha256(bytes));
      if (!digest.equals(Digest.of(digest.algorithm(), bytes))) {
        throw new IOException("the source's manifest does not have digest " + digest);
      }
      ManifestSummary summary;
      try {
        summary = ManifestSummary.parse(bytes);
      } catch (IllegalArgumentException e) {
        throw new IOException("the source returned an invalid manifest: " + e.getMessage());
      }
      String contentType = response.header("Content-Type").or(summary::mediaType)
          .orElseThrow(() -> new IOException("the source's manifest has no media type"));
      StoredManifest manifest = new StoredManifest(digest, contentType, bytes, true);
      manifests.put(repository, manifest, summary);
      return Optional.of(manifest);
    }
  }

  private static byte[] read(UpstreamResponse response) throws IOException {
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("the source's manifest exceeds " + MAX_BYTES + " bytes");
      }
      return bytes;
    }
  }

  private static String path(CacheRules.Match match, String reference) {
    return "/v2/" + match.upstreamRepository() + "/manifests/" + reference;
  }
}
