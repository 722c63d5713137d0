package dev.isla.registry.storage;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.Reference;
import java.util.Optional;

/** Answers pulls from what this registry stores (pushed or already cached). */
public final class LocalContent implements ContentSource {

  private final BlobStore blobs;
  private final ManifestStore manifests;
  private final TagStore tags;

  public LocalContent(BlobStore blobs, ManifestStore manifests, TagStore tags) {
    this.blobs = blobs;
    this.manifests = manifests;
    this.tags = tags;
  }

  @Override
  public Optional<StoredManifest> manifest(RepositoryId repository, Reference reference) {
    Optional<Digest> digest = reference.digest()
        .or(() -> tags.resolve(repository, reference.tag().orElseThrow()));
    return digest.flatMap(d -> manifests.get(repository, d));
  }

  @Override
  public Optional<BlobContent> blob(RepositoryId repository, Digest digest) {
    return blobs.content(repository, digest);
  }
}
