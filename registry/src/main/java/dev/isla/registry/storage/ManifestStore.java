package dev.isla.registry.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.registry.oci.Descriptor;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.ManifestSummary;
import dev.isla.registry.storage.driver.BlobWriter;
import dev.isla.registry.storage.driver.StorageDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Manifests per repository, byte for byte: the bytes are a content-addressed blob, the
 * repository keeps a link carrying the {@code Content-Type} they were pushed with, and a
 * manifest with a {@code subject} is indexed under it for the referrers API.
 */
public final class ManifestStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StorageDriver driver;

  public ManifestStore(StorageDriver driver) {
    this.driver = driver;
  }

  /** Stores a manifest whose digest the caller verified, and its referrer entry. */
  public void put(RepositoryId repository, StoredManifest manifest, ManifestSummary summary) {
    if (driver.blobSize(manifest.digest()).isEmpty()) {
      try (BlobWriter writer = driver.writeBlob(manifest.digest())) {
        writer.write(manifest.bytes(), 0, manifest.bytes().length);
        writer.commit();
      }
    }
    summary.subject().ifPresent(subject -> driver.writeMetadata(
        referrerKey(repository, subject.digest(), manifest.digest()),
        referrerDescriptor(manifest, summary)));
    driver.writeMetadata(linkKey(repository, manifest.digest()),
        manifest.contentType().getBytes(StandardCharsets.UTF_8));
  }

  /** The manifest with {@code digest} in this repository, or empty. */
  public Optional<StoredManifest> get(RepositoryId repository, Digest digest) {
    Optional<byte[]> type = driver.readMetadata(linkKey(repository, digest));
    if (type.isEmpty()) {
      return Optional.empty();
    }
    return driver.readBlob(digest, 0).map(in -> {
      try (in) {
        return new StoredManifest(digest, new String(type.get(), StandardCharsets.UTF_8),
            in.readAllBytes(), false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Removes a manifest from the repository (and its referrer entry); false when absent. */
  public boolean delete(RepositoryId repository, Digest digest) {
    Optional<StoredManifest> manifest = get(repository, digest);
    if (manifest.isEmpty()) {
      return false;
    }
    try {
      ManifestSummary.parse(manifest.get().bytes()).subject().ifPresent(subject ->
          driver.deleteMetadata(referrerKey(repository, subject.digest(), digest)));
    } catch (IllegalArgumentException e) {
      // Stored bytes always parsed at push; nothing indexed if they somehow don't now.
    }
    return driver.deleteMetadata(linkKey(repository, digest));
  }

  /** Descriptors of the manifests whose subject is {@code subject}, in digest order. */
  public List<ObjectNode> referrers(RepositoryId repository, Digest subject) {
    List<ObjectNode> result = new ArrayList<>();
    String folder = repository.folder() + "/referrers/" + subject;
    for (String name : driver.listMetadata(folder)) {
      driver.readMetadata(folder + "/" + name).ifPresent(bytes -> {
        try {
          result.add((ObjectNode) JSON.readTree(bytes));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return result;
  }

  private static byte[] referrerDescriptor(StoredManifest manifest, ManifestSummary summary) {
    ObjectNode descriptor = Descriptor.of(summary.mediaType().orElse(manifest.contentType()),
        manifest.digest(), manifest.bytes().length).json();
    summary.effectiveArtifactType().ifPresent(t -> descriptor.put("artifactType", t));
    summary.annotations().ifPresent(a -> descriptor.set("annotations", a));
    try {
      return JSON.writeValueAsBytes(descriptor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String linkKey(RepositoryId repository, Digest digest) {
    return repository.folder() + "/manifests/" + digest;
  }

  private static String referrerKey(RepositoryId repository, Digest subject, Digest digest) {
    return repository.folder() + "/referrers/" + subject + "/" + digest;
  }
}
