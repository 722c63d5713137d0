package dev.isla.registry.storage.driver;

/**
 * A blob being written: bytes are hashed as they arrive and kept out of sight until
 * {@link #commit()} finds the expected digest. Bytes already written can be read back while the
 * write goes on ({@link #readWritten}), which lets several readers follow one download.
 * Closing an uncommitted writer discards it. Not thread-safe for writes; {@link #readWritten}
 * and {@link #written()} may be called from other threads.
 */
public interface BlobWriter extends AutoCloseable {

  void write(byte[] bytes, int offset, int length);

  /** Bytes written so far. */
  long written();

  /**
   * Reads up to {@code length} already-written bytes at {@code position} into {@code target}.
   *
   * @return the number of bytes read, 0 when {@code position} equals {@link #written()}
   */
  int readWritten(long position, byte[] target, int offset, int length);

  /**
   * Verifies the digest and publishes the blob durably; idempotent with a concurrent writer of
   * the same digest.
   *
   * @throws BlobVerificationException when the bytes do not match (nothing is published)
   */
  void commit();

  /** Discards the bytes unless committed. */
  @Override
  void close();
}
