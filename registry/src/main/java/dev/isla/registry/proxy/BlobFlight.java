package dev.isla.registry.proxy;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.BlobWriter;
import dev.isla.registry.storage.driver.StorageDriver;
import dev.isla.registry.storage.driver.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One upstream download of a blob that any number of clients read while it arrives. Bytes go
 * to a {@link BlobWriter} (hashed as written); readers follow the written bytes, except the last
 * one, which is released only once the digest verified — so a client can never receive a
 * complete body with wrong content. A failure (wrong digest, short body, dropped or stalled
 * upstream) ends every reader's stream with an {@link IOException}, and nothing is stored.
 */
final class BlobFlight {

  /** How a flight can end before any byte: the upstream has no such blob, or it failed. */
  enum Outcome { PENDING, STREAMING, COMMITTED, NOT_FOUND, FAILED }

  /** Followers are woken once per this many new bytes (and at every end). */
  private static final long NOTIFY_EVERY = 1024 * 1024;

  private final Digest digest;
  private final StorageDriver driver;
  private final BlobWriter writer;
  private final List<Runnable> onCommit = new ArrayList<>();
  private Outcome outcome = Outcome.PENDING;
  private OptionalLong size = OptionalLong.empty();
  private UpstreamFailure failure = new UpstreamFailure("", 0, java.util.Optional.empty());
  private long notified;
  private boolean reused;

  BlobFlight(Digest digest, StorageDriver driver) {
    this.digest = digest;
    this.driver = driver;
    this.writer = driver.writeBlob(digest);
  }

  Digest digest() {
    return digest;
  }

  /** Runs {@code action} after a successful commit (now, if it already happened). */
  void whenCommitted(Runnable action) {
    synchronized (this) {
      if (outcome != Outcome.COMMITTED) {
        onCommit.add(action);
        return;
      }
    }
    action.run();
  }

  // Writer side: only the fetching thread calls these.

  synchronized void started(OptionalLong length) {
    size = length;
    outcome = Outcome.STREAMING;
    notifyAll();
  }

  void write(byte[] bytes, int length) {
    writer.write(bytes, 0, length);
    // Waking every follower for each small read would cost more than the copy itself.
    if (writer.written() - notified >= NOTIFY_EVERY) {
      notified = writer.written();
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /**
   * Verifies and stores; throws when the bytes are wrong (the caller then fails the flight).
   * The blob is linked into every waiting repository before any reader gets the last byte, so
   * a client that finished can pull again from the cache at once.
   */
  void commit() {
    writer.commit();
    complete();
  }

  /**
   * Ends the flight without a download: the blob was found stored already (another flight of
   * it ended just before this one began). Readers are sent to the stored blob.
   */
  void reuseStored() {
    synchronized (this) {
      reused = true;
    }
    writer.close();
    complete();
  }

  private void complete() {
    while (true) {
      List<Runnable> actions;
      synchronized (this) {
        if (onCommit.isEmpty()) {
          outcome = Outcome.COMMITTED;
          notifyAll();
          return;
        }
        actions = List.copyOf(onCommit);
        onCommit.clear();
      }
      actions.forEach(Runnable::run);
    }
  }

  synchronized void notFound() {
    outcome = Outcome.NOT_FOUND;
    notifyAll();
  }

  /** Ends the flight as failed and discards the bytes (readers get an error). */
  void fail(UpstreamFailure reason) {
    // Discard first (a no-op after a commit), so no reader sees the failure before the bytes
    // are gone.
    writer.close();
    synchronized (this) {
      if (outcome == Outcome.COMMITTED) {
        return;
      }
      failure = reason;
      outcome = Outcome.FAILED;
      notifyAll();
    }
  }

  // Reader side.

  /** Waits until the upstream answered (headers) or the flight ended; returns the state. */
  synchronized Outcome awaitStart() throws InterruptedException {
    while (outcome == Outcome.PENDING) {
      wait();
    }
    return outcome;
  }

  /** Whether the flight ended on a blob already stored, without asking the source. */
  synchronized boolean reused() {
    return reused;
  }

  synchronized OptionalLong size() {
    return size;
  }

  synchronized UpstreamFailure failure() {
    return failure;
  }

  /** A stream of the blob from {@code offset}, following the download. */
  InputStream open(long offset) {
    return new FlightStream(offset);
  }

  /** Reads the download in progress, then the stored blob once committed. */
  private final class FlightStream extends InputStream {
    private long position;
    private InputStream stored;

    FlightStream(long offset) {
      this.position = offset;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int off, int len) throws IOException {
      if (stored != null) {
        return stored.read(target, off, len);
      }
      long readable = awaitReadable(position);
      if (readable < 0) {
        return -1;
      }
      try {
        int n = writer.readWritten(position, target, off, (int) Math.min(len, readable));
        position += n;
        return n;
      } catch (StorageException e) {
        // The writer closed under us: the flight is ending; committed means read the stored blob.
        awaitCommitted();
        stored = driver.readBlob(digest, position)
            .orElseThrow(() -> new IOException("blob " + digest + " vanished after commit"));
        return stored.read(target, off, len);
      }
    }

    @Override
    public void close() throws IOException {
      if (stored != null) {
        stored.close();
      }
    }
  }

  /** Waits for the end of the flight; throws unless it committed. */
  private synchronized void awaitCommitted() throws IOException {
    while (outcome == Outcome.PENDING || outcome == Outcome.STREAMING) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + digest, e);
      }
    }
    if (outcome != Outcome.COMMITTED) {
      throw new IOException("download of " + digest + " from the upstream failed: " + failure.reason());
    }
  }

  /** Bytes readable at {@code position} (at least 1), -1 at the verified end; throws on failure. */
  private synchronized long awaitReadable(long position) throws IOException {
    while (true) {
      long written = writer.written();
      switch (outcome) {
        case COMMITTED -> {
          return position >= written ? -1 : written - position;
        }
        case FAILED, NOT_FOUND -> throw new IOException("download of " + digest
            + " from the upstream failed: " + failure.reason());
        default -> {
          // The last written byte stays back until the digest is verified.
          if (written - 1 > position) {
            return written - 1 - position;
          }
        }
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + digest, e);
      }
    }
  }
}
