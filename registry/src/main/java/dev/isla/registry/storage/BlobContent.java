package dev.isla.registry.storage;

import java.io.InputStream;
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
}
