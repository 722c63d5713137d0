package dev.isla.registry.proxy;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.StorageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Single flight for upstream blobs: at most one download per digest at a time, shared by every
 * client that asks meanwhile. The download runs on its own virtual thread, independent of any
 * client (a client that goes away does not cancel the cache fill); it ends by the upstream's
 * read timeout at the latest.
 */
final class BlobFlights {

  private static final Logger LOG = Logger.getLogger(BlobFlights.class.getName());
  private static final int BUFFER = 256 * 1024;

  private final StorageDriver driver;
  private final UpstreamClient client;
  private final Map<Digest, BlobFlight> flights = new ConcurrentHashMap<>();
  private final AtomicLong upstreamFetches = new AtomicLong();

  BlobFlights(StorageDriver driver, UpstreamClient client) {
    this.driver = driver;
    this.client = client;
  }

  /** The flight for {@code digest}: joined if one is under way, else started. */
  BlobFlight join(Digest digest, String host, String upstreamRepository,
      BooleanSupplier storedForRequester) {
    BlobFlight[] started = new BlobFlight[1];
    BlobFlight flight = flights.computeIfAbsent(digest, d -> {
      started[0] = new BlobFlight(d, driver);
      return started[0];
    });
    if (started[0] != null) {
      // A platform thread: the download must not queue behind the virtual threads it feeds.
      Thread.ofPlatform().daemon().name("upstream-" + digest.hex().substring(0, 12))
          .start(() -> fetchUnlessStored(flight, host, upstreamRepository, storedForRequester));
    }
    return flight;
  }

  /** Downloads started so far (for metrics and tests). */
  long upstreamFetches() {
    return upstreamFetches.get();
  }

  /**
   * A flight that ended just before this one was started may have stored the blob after the
   * requester looked: then the stored blob is linked instead of asking the source again.
   */
  private void fetchUnlessStored(BlobFlight flight, String host, String repository,
      BooleanSupplier storedForRequester) {
    boolean stored;
    try {
      stored = storedForRequester.getAsBoolean();
    } catch (RuntimeException e) {
      finish(flight, () -> flight.fail(UpstreamFailure.of(e)));
      return;
    }
    if (stored) {
      flight.reuseStored();
      flights.remove(flight.digest(), flight);
      return;
    }
    upstreamFetches.incrementAndGet();
    fetch(flight, host, repository);
  }

  private void fetch(BlobFlight flight, String host, String repository) {
    Digest digest = flight.digest();
    try (UpstreamResponse response = client.send("GET", host,
        "/v2/" + repository + "/blobs/" + digest, "*/*")) {
      if (response.status() == 404) {
        finish(flight, () -> flight.notFound());
        return;
      }
      if (response.status() != 200) {
        finish(flight, () -> flight.fail(UpstreamFailure.answered(response)));
        return;
      }
      OptionalLong length = response.contentLength();
      flight.started(length);
      long received = copy(response, flight);
      if (length.isPresent() && received != length.getAsLong()) {
        response.abort();
        throw new IOException("the upstream sent " + received + " of " + length.getAsLong()
            + " bytes");
      }
      flight.commit();
      flights.remove(digest, flight);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "upstream fetch of " + digest + " failed", e);
      finish(flight, () -> flight.fail(UpstreamFailure.of(e)));
    }
  }

  private static long copy(UpstreamResponse response, BlobFlight flight) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long received = 0;
    try (InputStream in = response.body()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        flight.write(buffer, n);
        received += n;
      }
    } catch (IOException e) {
      response.abort();
      throw e;
    }
    return received;
  }

  /** Removes the flight first, so a request arriving after a failure starts afresh. */
  private void finish(BlobFlight flight, Runnable end) {
    flights.remove(flight.digest(), flight);
    end.run();
  }
}
