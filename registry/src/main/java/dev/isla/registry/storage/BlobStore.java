package dev.isla.registry.storage;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.BlobWriter;
import dev.isla.registry.storage.driver.StorageDriver;
import dev.isla.registry.storage.driver.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Blobs per repository. Bytes are content-addressed and shared by every repository and
 * registry; a repository "has" a blob when it holds a link to it, so a digest learnt elsewhere
 * opens nothing. Upload sessions belong to the repository that started them.
 */
public final class BlobStore {

  private static final int BUFFER = 64 * 1024;

  private final StorageDriver driver;

  public BlobStore(StorageDriver driver) {
    this.driver = driver;
  }

  /** The size of a blob this repository has, or empty. */
  public OptionalLong size(RepositoryId repository, Digest digest) {
    return linked(repository, digest) ? driver.blobSize(digest) : OptionalLong.empty();
  }

  /** A stored blob as {@link BlobContent}, or empty. */
  public Optional<BlobContent> content(RepositoryId repository, Digest digest) {
    OptionalLong size = size(repository, digest);
    if (size.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BlobContent() {
      @Override
      public OptionalLong size() {
        return size;
      }

      @Override
      public InputStream open(long offset) {
        return driver.readBlob(digest, offset).orElseThrow(() -> new StorageException(
            "blob " + digest + " vanished while being served"));
      }

      @Override
      public boolean fromUpstream() {
        return false;
      }

      @Override
      public Optional<FileChannel> openChannel() {
        return driver.openBlobChannel(digest);
      }
    });
  }

  /** Whether the bytes of {@code digest} are stored at all (in any repository). */
  public boolean stored(Digest digest) {
    return driver.blobSize(digest).isPresent();
  }

  /**
   * Whether {@code digest} is stored and linked into any repository of {@code registry}. Costs
   * one metadata read per repository, so it is meant for misses that would otherwise go upstream.
   */
  public boolean linkedInRegistry(String registry, Digest digest) {
    if (!stored(digest)) {
      return false;
    }
    return driver.listMetadata("r/" + registry + "/repos").stream().anyMatch(folder ->
        driver.readMetadata("r/" + registry + "/repos/" + folder + "/blobs/" + digest)
            .isPresent());
  }

  /** Makes {@code digest} (already stored) part of {@code repository}. */
  public void link(RepositoryId repository, Digest digest) {
    driver.writeMetadata(linkKey(repository, digest), new byte[0]);
  }

  /** Removes the blob from the repository; false when it had none. */
  public boolean unlink(RepositoryId repository, Digest digest) {
    return driver.deleteMetadata(linkKey(repository, digest));
  }

  /**
   * Stores {@code in} as {@code digest} and links it, verifying while writing.
   *
   * @throws dev.isla.registry.storage.driver.BlobVerificationException on a digest mismatch
   */
  public void write(RepositoryId repository, Digest digest, InputStream in) {
    try (BlobWriter writer = driver.writeBlob(digest)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        writer.write(buffer, 0, n);
      }
      writer.commit();
    } catch (IOException e) {
      throw new StorageException("reading the blob failed", e);
    }
    link(repository, digest);
  }

  /** Starts an upload session in {@code repository}; returns its id. */
  public String startUpload(RepositoryId repository) {
    String id = UUID.randomUUID().toString();
    driver.writeMetadata(uploadKey(repository, id),
        repository.name().value().getBytes(StandardCharsets.UTF_8));
    driver.createUpload(id);
    return id;
  }

  /** The size of an upload session of this repository, or empty when unknown here. */
  public OptionalLong uploadSize(RepositoryId repository, String id) {
    return ownsUpload(repository, id) ? driver.uploadSize(id) : OptionalLong.empty();
  }

  /** Appends a chunk (see {@link StorageDriver#appendUpload}); the session must be known. */
  public long append(RepositoryId repository, String id, InputStream in, OptionalLong offset) {
    return driver.appendUpload(id, in, offset);
  }

  /** Verifies and publishes an upload as {@code digest}, links it and ends the session. */
  public void finish(RepositoryId repository, String id, Digest digest) {
    driver.commitUpload(id, digest);
    link(repository, digest);
    driver.deleteMetadata(uploadKey(repository, id));
  }

  /** Cancels an upload; false when this repository had no such session. */
  public boolean cancel(RepositoryId repository, String id) {
    if (!ownsUpload(repository, id)) {
      return false;
    }
    driver.deleteUpload(id);
    return driver.deleteMetadata(uploadKey(repository, id));
  }

  /** Whether {@code id} is a session started in {@code repository}. */
  public boolean ownsUpload(RepositoryId repository, String id) {
    return isUploadId(id) && driver.readMetadata(uploadKey(repository, id))
        .map(owner -> new String(owner, StandardCharsets.UTF_8)
            .equals(repository.name().value()))
        .orElse(false);
  }

  /** Reads a stored blob whole (small blobs only: manifests). */
  public Optional<byte[]> readSmall(Digest digest) {
    return driver.readBlob(digest, 0).map(in -> {
      try (in) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private boolean linked(RepositoryId repository, Digest digest) {
    return driver.readMetadata(linkKey(repository, digest)).isPresent();
  }

  private static boolean isUploadId(String id) {
    try {
      return UUID.fromString(id).toString().equals(id);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String linkKey(RepositoryId repository, Digest digest) {
    return repository.folder() + "/blobs/" + digest;
  }

  private static String uploadKey(RepositoryId repository, String id) {
    return "r/" + repository.registry() + "/uploads/" + id;
  }
}
