package dev.isla.registry.storage;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.Reference;
import java.util.Optional;

/**
 * Where pulls of one repository are answered from: {@link LocalContent} (what was pushed or
 * cached), or the pull-through decorator of a cache rule, which falls back on an upstream.
 * Implementations may throw the API's {@code RegistryException} for upstream failures.
 */
public interface ContentSource {

  /** The manifest {@code reference} names, or empty when unknown. */
  Optional<StoredManifest> manifest(RepositoryId repository, Reference reference);

  /** The blob, or empty when unknown in this repository. */
  Optional<BlobContent> blob(RepositoryId repository, Digest digest);
}
