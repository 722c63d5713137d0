package dev.isla.registry.standin;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.ManifestSummary;
import dev.isla.registry.oci.MediaTypes;
import dev.isla.registry.oci.RepositoryName;
import dev.isla.registry.storage.BlobStore;
import dev.isla.registry.storage.ManifestStore;
import dev.isla.registry.storage.RepositoryId;
import dev.isla.registry.storage.StoredManifest;
import dev.isla.registry.storage.TagStore;
import dev.isla.registry.storage.driver.StorageDriver;
import dev.isla.registry.storage.driver.StorageException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The content of Isla's stand-in for the public MCR ({@code mcr.microsoft.com}), generated from
 * {@link StandInTable}: small but genuine OCI content — gzip'd tar layers, image configs whose
 * {@code rootfs.diff_ids} are the uncompressed layers' digests, image manifests, multi-arch
 * indexes and ORAS artifacts.
 *
 * <p>Generation is deterministic: the same versions give the same bytes, hence the same
 * digests, on every machine and every run. Any change to what is generated must bump
 * {@link #GENERATOR_VERSION}, so that data folders holding the old content regenerate.
 * Instances are immutable.
 */
public final class StandInContent {

  /** The generator's version, recorded next to generated content. */
  public static final int GENERATOR_VERSION = 1;

  private static final int WRITERS = 16;

  private final List<String> kubernetesVersions;
  private final List<StandInEntry> entries;
  private final Map<String, Repository> repositories;
  private final Map<Digest, byte[]> blobs;

  /** One repository: tags, every manifest (tagged or listed by an index) and its blobs. */
  private record Repository(Map<String, Digest> tags, Map<Digest, StandInManifest> manifests,
      Set<Digest> blobs) {}

  private StandInContent(List<String> kubernetesVersions, List<StandInEntry> entries) {
    this.kubernetesVersions = List.copyOf(kubernetesVersions);
    this.entries = entries;
    this.repositories = new TreeMap<>();
    this.blobs = new LinkedHashMap<>();
    entries.forEach(this::add);
  }

  /**
   * Generates the content for {@code kubernetesVersions} ({@code 1.30.3} …: the versions the
   * control plane supports).
   *
   * @throws IllegalArgumentException when a version is malformed
   */
  public static StandInContent generate(List<String> kubernetesVersions) {
    return new StandInContent(kubernetesVersions, StandInTable.entries(kubernetesVersions));
  }

  public List<String> kubernetesVersions() {
    return kubernetesVersions;
  }

  /** The table rows this content was generated from. */
  public List<StandInEntry> entries() {
    return entries;
  }

  /** Repository names, sorted. */
  public List<String> repositories() {
    return List.copyOf(repositories.keySet());
  }

  /** The tags of {@code repository}, sorted; empty when there is no such repository. */
  public List<String> tags(String repository) {
    return Optional.ofNullable(repositories.get(repository))
        .map(r -> List.copyOf(r.tags().keySet())).orElse(List.of());
  }

  /** The manifest {@code reference} (a tag or a digest) names in {@code repository}, or empty. */
  public Optional<StandInManifest> manifestFor(String repository, String reference) {
    Repository repo = repositories.get(repository);
    if (repo == null) {
      return Optional.empty();
    }
    Optional<Digest> digest = Digest.isDigest(reference)
        ? Optional.of(Digest.parse(reference)) : Optional.ofNullable(repo.tags().get(reference));
    return digest.map(repo.manifests()::get);
  }

  /** Every manifest of {@code repository} (tagged or not), in generation order. */
  public List<StandInManifest> manifests(String repository) {
    return Optional.ofNullable(repositories.get(repository))
        .map(r -> List.copyOf(r.manifests().values())).orElse(List.of());
  }

  /** The digests of the blobs (layers, configs) of {@code repository}. */
  public Set<Digest> blobs(String repository) {
    return Optional.ofNullable(repositories.get(repository))
        .map(r -> Collections.unmodifiableSet(r.blobs())).orElse(Set.of());
  }

  /** A blob's bytes (a copy), or empty. */
  public Optional<byte[]> blob(Digest digest) {
    return Optional.ofNullable(blobs.get(digest)).map(byte[]::clone);
  }

  /** Bytes of every distinct blob and manifest: what the content takes on disk, roughly. */
  public long size() {
    long manifests = repositories.values().stream().flatMap(r -> r.manifests().values().stream())
        .distinct().mapToLong(StandInManifest::size).sum();
    return manifests + blobs.values().stream().mapToLong(b -> b.length).sum();
  }

  /**
   * Stores everything in {@code driver} as registry {@code registryKey}: blobs, manifests and
   * tags, through the registry's own stores (so the server reads them like pushed content). A
   * tag is written only once everything it leads to is stored.
   */
  public void writeTo(StorageDriver driver, String registryKey) {
    BlobStore blobStore = new BlobStore(driver);
    ManifestStore manifestStore = new ManifestStore(driver);
    TagStore tagStore = new TagStore(driver);
    List<Runnable> blobWrites = new ArrayList<>();
    List<Runnable> manifestWrites = new ArrayList<>();
    List<Runnable> tagWrites = new ArrayList<>();
    repositories.forEach((name, repo) -> {
      RepositoryId id = new RepositoryId(registryKey, RepositoryName.parse(name));
      repo.blobs().forEach(digest -> blobWrites.add(() ->
          blobStore.write(id, digest, new ByteArrayInputStream(blobs.get(digest)))));
      repo.manifests().values().forEach(manifest -> manifestWrites.add(() -> {
        byte[] bytes = manifest.bytes();
        manifestStore.put(id, new StoredManifest(manifest.digest(), manifest.mediaType(), bytes,
            false), ManifestSummary.parse(bytes));
      }));
      repo.tags().forEach((tag, digest) -> tagWrites.add(() -> tagStore.tag(id, tag, digest)));
    });
    for (List<Runnable> phase : List.of(blobWrites, manifestWrites, tagWrites)) {
      inParallel(phase);
    }
  }

  /**
   * Runs {@code writes} on a few threads: each durable write waits for its fsyncs, so writing
   * the ~500 files one after the other takes seconds on a busy disk.
   */
  private static void inParallel(List<Runnable> writes) {
    try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
      List<Future<?>> done = writes.stream().<Future<?>>map(pool::submit).toList();
      for (Future<?> write : done) {
        write.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while writing the stand-in", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new StorageException("writing the stand-in failed", e.getCause());
    }
  }

  private void add(StandInEntry entry) {
    Repository repo = repositories.computeIfAbsent(entry.repository(),
        r -> new Repository(new TreeMap<>(), new LinkedHashMap<>(), new LinkedHashSet<>()));
    List<StandInManifest> perArchitecture = new ArrayList<>();
    for (String architecture : entry.architectures()) {
      StandInManifest manifest = entry.kind() == StandInEntry.Kind.IMAGE
          ? image(repo, entry, architecture) : artifact(repo, entry, architecture);
      repo.manifests().put(manifest.digest(), manifest);
      perArchitecture.add(manifest);
      if (entry.kind() == StandInEntry.Kind.ARTIFACT) {
        tag(repo, entry.artifactTag(architecture), manifest);
      }
    }
    if (entry.kind() == StandInEntry.Kind.IMAGE) {
      StandInManifest tagged = perArchitecture.size() == 1 ? perArchitecture.getFirst()
          : StandInManifest.of(MediaTypes.OCI_INDEX,
              OciDocuments.index(entry.architectures(), perArchitecture));
      repo.manifests().put(tagged.digest(), tagged);
      tag(repo, entry.version(), tagged);
    }
  }

  private StandInManifest image(Repository repo, StandInEntry entry, String architecture) {
    byte[] tar = Tar.of(Rootfs.of(entry, architecture));
    byte[] layer = addBlob(repo, Gzip.of(tar));
    byte[] config = addBlob(repo, OciDocuments.imageConfig(architecture,
        "/" + entry.executables().getFirst(), Digest.sha256(tar)));
    return StandInManifest.of(MediaTypes.OCI_MANIFEST, OciDocuments.imageManifest(config, layer));
  }

  private StandInManifest artifact(Repository repo, StandInEntry entry, String architecture) {
    byte[] file = addBlob(repo, Gzip.of(Tar.of(Rootfs.of(entry, architecture))));
    addBlob(repo, OciDocuments.EMPTY);
    return StandInManifest.of(MediaTypes.OCI_MANIFEST,
        OciDocuments.artifactManifest(file, entry.layerTitle(architecture).orElseThrow()));
  }

  private byte[] addBlob(Repository repo, byte[] content) {
    Digest digest = Digest.sha256(content);
    blobs.putIfAbsent(digest, content);
    repo.blobs().add(digest);
    return content;
  }

  private static void tag(Repository repo, String tag, StandInManifest manifest) {
    Digest previous = repo.tags().putIfAbsent(tag, manifest.digest());
    if (previous != null && !previous.equals(manifest.digest())) {
      throw new IllegalStateException("two table rows publish tag " + tag);
    }
  }
}
