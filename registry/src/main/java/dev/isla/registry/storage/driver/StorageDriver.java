package dev.isla.registry.storage.driver;

import dev.isla.registry.oci.Digest;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the registry keeps bytes: content-addressed blobs, resumable upload sessions and small
 * metadata records. Implementations: {@link FilesystemDriver} (embedded default) and
 * {@link MemoryDriver} (tests); both pass the shared {@code StorageDriverContract}.
 *
 * <p>Contract: a blob is visible only once complete and verified — readers never see a partial
 * or unverified blob, even if the process dies mid-write. Writers of the same digest may race;
 * the blob stays readable throughout. Memory use per operation is bounded (streams, fixed
 * buffers), whatever the blob size. Metadata writes are atomic per key (last writer wins).
 * Failures of the medium surface as {@link StorageException}.
 */
public interface StorageDriver {

  /** The size of a committed blob, or empty. */
  OptionalLong blobSize(Digest digest);

  /** The bytes of a committed blob from {@code offset} on (caller closes), or empty. */
  Optional<InputStream> readBlob(Digest digest, long offset);

  /**
   * A committed blob as a local file channel (caller closes), for zero-copy sends; empty when
   * the blob is absent or the medium has no local files (memory, object stores).
   */
  default Optional<FileChannel> openBlobChannel(Digest digest) {
    return Optional.empty();
  }

  /**
   * A writer for a new blob expected to have {@code digest}; nothing is visible until
   * {@link BlobWriter#commit()} verified the bytes.
   */
  BlobWriter writeBlob(Digest digest);

  /** Removes a blob; false when it did not exist. */
  boolean deleteBlob(Digest digest);

  /** Starts an empty upload session named {@code id} (a UUID chosen by the caller). */
  void createUpload(String id);

  /** The bytes received so far by an upload session, or empty when there is no such session. */
  OptionalLong uploadSize(String id);

  /**
   * Appends {@code in} to an upload. When {@code offset} is given it must equal the current
   * size, else {@link UploadOffsetException}. A failed append leaves the session as it was.
   *
   * @return the new size
   * @throws UploadUnknownException when there is no such session
   */
  long appendUpload(String id, InputStream in, OptionalLong offset);

  /**
   * Verifies the upload against {@code digest} and publishes it as that blob, ending the session.
   *
   * @throws BlobVerificationException when the bytes have another digest (the session stays)
   * @throws UploadUnknownException when there is no such session
   */
  void commitUpload(String id, Digest digest);

  /** Ends an upload session, discarding its bytes; false when there was none. */
  boolean deleteUpload(String id);

  /** A metadata record; keys are {@code /}-separated segments of {@code [A-Za-z0-9._:+@=-]}. */
  Optional<byte[]> readMetadata(String key);

  /** Writes a metadata record atomically. */
  void writeMetadata(String key, byte[] value);

  /** Removes a metadata record; false when absent. */
  boolean deleteMetadata(String key);

  /** Names of the records and folders directly under {@code folder}, sorted; empty if none. */
  List<String> listMetadata(String folder);
}
