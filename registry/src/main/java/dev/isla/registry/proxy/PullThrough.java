package dev.isla.registry.proxy;

import dev.isla.registry.catalog.RegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.storage.BlobStore;
import dev.isla.registry.storage.ContentSource;
import dev.isla.registry.storage.ContentSources;
import dev.isla.registry.storage.LocalContent;
import dev.isla.registry.storage.ManifestStore;
import dev.isla.registry.storage.RepositoryId;
import dev.isla.registry.storage.TagStore;
import dev.isla.registry.storage.driver.StorageDriver;
import java.time.Duration;
import java.util.Optional;

/**
 * Chooses, per request, between local content and pull-through: a repository covered by one of
 * its registry's cache rules ({@link CacheRules}) is served by a {@link PullThroughContent}
 * that decorates the local content; every other repository by the local content alone.
 */
public final class PullThrough implements ContentSources {

  /** ACR's freshness for cached tags (research/aks-isolation.md §6.1: about 5 minutes). */
  public static final Duration DEFAULT_TAG_FRESHNESS = Duration.ofMinutes(5);

  private final RegistryCatalog catalog;
  private final LocalContent local;
  private final UpstreamManifests manifests;
  private final BlobStore blobs;
  private final BlobFlights flights;

  public PullThrough(RegistryCatalog catalog, LocalContent local, BlobStore blobs,
      ManifestStore manifestStore, TagStore tags, StorageDriver driver, UpstreamClient client,
      Duration tagFreshness) {
    this.catalog = catalog;
    this.local = local;
    this.blobs = blobs;
    this.flights = new BlobFlights(driver, client);
    this.manifests = new UpstreamManifests(client, manifestStore, tags, tagFreshness);
  }

  @Override
  public ContentSource forRepository(RegistryInfo registry, RepositoryId repository) {
    Optional<CacheRules.Match> match = CacheRules.match(catalog.cacheRules(registry.name()),
        repository.name().value());
    return match.<ContentSource>map(m -> new PullThroughContent(m, local, manifests, blobs,
        flights)).orElse(local);
  }

  /** Upstream blob downloads started so far. */
  public long upstreamBlobFetches() {
    return flights.upstreamFetches();
  }
}
