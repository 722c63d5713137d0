package dev.isla.registry.proxy;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.Reference;
import dev.isla.registry.storage.BlobContent;
import dev.isla.registry.storage.BlobStore;
import dev.isla.registry.storage.ContentSource;
import dev.isla.registry.storage.LocalContent;
import dev.isla.registry.storage.RepositoryId;
import dev.isla.registry.storage.StoredManifest;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The pull-through steps for a repository under a cache rule, decorating local content:
 * manifests via {@link UpstreamManifests}; blobs from the cache, else joined to the one
 * upstream download of that digest ({@link BlobFlights}) and streamed while it arrives.
 */
final class PullThroughContent implements ContentSource {

  private final CacheRules.Match match;
  private final LocalContent local;
  private final UpstreamManifests manifests;
  private final BlobStore blobs;
  private final BlobFlights flights;

  PullThroughContent(CacheRules.Match match, LocalContent local, UpstreamManifests manifests,
      BlobStore blobs, BlobFlights flights) {
    this.match = match;
    this.local = local;
    this.manifests = manifests;
    this.blobs = blobs;
    this.flights = flights;
  }

  @Override
  public Optional<StoredManifest> manifest(RepositoryId repository, Reference reference) {
    Optional<StoredManifest> cached = local.manifest(repository, reference);
    if (reference.digest().isPresent()) {
      return cached.isPresent() ? cached
          : manifests.byDigest(match, repository, reference.digest().get());
    }
    return manifests.byTag(match, repository, reference.tag().orElseThrow(), cached);
  }

  @Override
  public Optional<BlobContent> blob(RepositoryId repository, Digest digest) {
    Optional<BlobContent> cached = local.blob(repository, digest);
    if (cached.isPresent()) {
      return cached;
    }
    if (blobs.linkedInRegistry(repository.registry(), digest)) {
      // Stored for another repository of this registry (shared layers, the empty config):
      // content-addressed, so linking it here is enough.
      blobs.link(repository, digest);
      return local.blob(repository, digest);
    }
    BlobFlight flight = flights.join(digest, match.host(), match.upstreamRepository(),
        () -> blobs.linkedInRegistry(repository.registry(), digest));
    flight.whenCommitted(() -> blobs.link(repository, digest));
    BlobFlight.Outcome outcome;
    try {
      outcome = flight.awaitStart();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UpstreamFailure.of(e).exception(match);
    }
    return switch (outcome) {
      case NOT_FOUND -> Optional.empty();
      case FAILED -> throw flight.failure().exception(match);
      case COMMITTED -> flight.reused() ? local.blob(repository, digest)
          : local.blob(repository, digest).map(BlobContent::fetchedJustNow);
      case PENDING, STREAMING -> Optional.of(streaming(flight));
    };
  }

  private static BlobContent streaming(BlobFlight flight) {
    return new BlobContent() {
      @Override
      public OptionalLong size() {
        return flight.size();
      }

      @Override
      public InputStream open(long offset) {
        return flight.open(offset);
      }

      @Override
      public boolean fromUpstream() {
        return true;
      }
    };
  }
}
