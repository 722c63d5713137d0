package dev.isla.registry.api;

import dev.isla.registry.oci.Descriptor;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.ManifestSummary;
import dev.isla.registry.oci.MediaTypes;
import dev.isla.registry.oci.Reference;
import dev.isla.registry.storage.BlobStore;
import dev.isla.registry.storage.ManifestStore;
import dev.isla.registry.storage.RepositoryId;
import dev.isla.registry.storage.StoredManifest;
import dev.isla.registry.storage.TagStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of {@code PUT /v2/<name>/manifests/<reference>} (spec "Pushing Manifests"): size
 * limit, digest check, a parseable schema-2 manifest whose {@code mediaType} agrees with the
 * {@code Content-Type}, every blob it references present in the repository (index entries may
 * be missing: sparse indexes are allowed), then store, tag and answer with {@code OCI-Subject}.
 */
final class ManifestPush {

  /** The size every registry must accept; larger manifests are refused. */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  private final BlobStore blobs;
  private final ManifestStore manifests;
  private final TagStore tags;

  ManifestPush(BlobStore blobs, ManifestStore manifests, TagStore tags) {
    this.blobs = blobs;
    this.manifests = manifests;
    this.tags = tags;
  }

  void push(Exchange exchange, Reference reference) {
    RepositoryId repository = exchange.repository();
    byte[] bytes = read(exchange);
    Digest digest = reference.digest()
        .map(d -> Digest.of(d.algorithm(), bytes)).orElseGet(() -> Digest.sha256(bytes));
    if (reference.digest().filter(d -> !d.equals(digest)).isPresent()) {
      throw RegistryErrorCode.DIGEST_INVALID.exception("the manifest's digest is " + digest
          + ", not " + reference);
    }
    ManifestSummary summary = summary(bytes);
    String contentType = contentType(exchange, summary);
    checkBlobs(repository, summary);
    // Every check before the first write: a refused push stores nothing.
    List<String> newTags = new ArrayList<>(exchange.queryAll("tag"));
    reference.tag().ifPresent(newTags::add);
    for (String tag : newTags) {
      if (!Reference.isTag(tag)) {
        throw RegistryErrorCode.MANIFEST_INVALID.exception("'" + tag + "' is not a valid tag");
      }
    }
    manifests.put(repository, new StoredManifest(digest, contentType, bytes, false), summary);
    newTags.forEach(tag -> tags.tag(repository, tag, digest));
    exchange.response().status(201);
    exchange.header("Location", exchange.route().repositoryPath() + "/manifests/" + digest);
    exchange.header("Docker-Content-Digest", digest.toString());
    summary.subject().ifPresent(s -> exchange.header("OCI-Subject", s.digest().toString()));
    exchange.response().send();
  }

  private static byte[] read(Exchange exchange) {
    try (InputStream in = exchange.request().content().inputStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw RegistryErrorCode.MANIFEST_TOO_LARGE.exception("manifests are limited to "
            + MAX_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ManifestSummary summary(byte[] bytes) {
    try {
      return ManifestSummary.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw RegistryErrorCode.MANIFEST_INVALID.exception(e.getMessage());
    }
  }

  private static String contentType(Exchange exchange, ManifestSummary summary) {
    String contentType = exchange.header("Content-Type").or(summary::mediaType)
        .orElseThrow(() -> RegistryErrorCode.MANIFEST_INVALID.exception(
            "the manifest has no mediaType and the request no Content-Type"));
    summary.mediaType().filter(t -> !t.equals(MediaTypes.bare(contentType))).ifPresent(t -> {
      throw RegistryErrorCode.MANIFEST_INVALID.exception("the manifest's mediaType " + t
          + " differs from the Content-Type " + contentType);
    });
    return contentType;
  }

  private void checkBlobs(RepositoryId repository, ManifestSummary summary) {
    List<Descriptor> needed = new ArrayList<>(summary.layers());
    summary.config().ifPresent(needed::add);
    for (Descriptor blob : needed) {
      if (!blob.nonDistributable() && blobs.size(repository, blob.digest()).isEmpty()) {
        throw RegistryErrorCode.MANIFEST_BLOB_UNKNOWN.exception("blob " + blob.digest()
            + " is not in " + repository.name() + "; push it before the manifest");
      }
    }
  }
}
