package dev.isla.registry.storage;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A blob ready to be served: stored, or still arriving from an upstream. Opening it streams
 * from {@code offset}; a stream of an arriving blob ends with an {@link java.io.IOException}
 * when the transfer fails or the bytes do not verify.
 */
public interface BlobContent {

  /** The size, when known (always for stored blobs). */
  OptionalLong size();

  /** The bytes from {@code offset} on; the caller closes the stream. */
  InputStream open(long offset);

  /** Whether the bytes come from an upstream right now (not from the cache). */
  boolean fromUpstream();

  /**
   * The whole blob as a local file channel (caller closes), when it is a committed file that
   * can be sent without copying through the heap; empty otherwise.
   */
  default Optional<FileChannel> openChannel() {
    return Optional.empty();
  }

  /** This blob, said to come from an upstream (one that this very request just fetched). */
  default BlobContent fetchedJustNow() {
    BlobContent stored = this;
    return new BlobContent() {
      @Override
      public OptionalLong size() {
        return stored.size();
      }

      @Override
      public InputStream open(long offset) {
        return stored.open(offset);
      }

      @Override
      public boolean fromUpstream() {
        return true;
      }

      @Override
      public Optional<FileChannel> openChannel() {
        return stored.openChannel();
      }
    };
  }
}
