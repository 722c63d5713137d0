package dev.isla.fabric;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * The one place the fabric creates and connects sockets (an ArchUnit rule keeps it so). It
 * refuses, by throwing, any source or destination that is not loopback: logical addresses are
 * never dialled.
 */
final class LoopbackDialer {

  private LoopbackDialer() {}

  /**
   * Binds a socket to {@code source} (an ephemeral port), hands the port to {@code bound} before
   * connecting, then connects to {@code listener} within {@code timeout}.
   *
   * @throws IllegalStateException when {@code source} or {@code listener} is not loopback
   * @throws IOException when the real connection fails; the socket is closed then
   */
  static FabricSocket dial(InetAddress source, InetSocketAddress listener, Duration timeout,
      IntConsumer bound, Runnable onClose) throws IOException {
    if (!source.isLoopbackAddress() || listener.isUnresolved()
        || !listener.getAddress().isLoopbackAddress()) {
      throw new IllegalStateException(
          "the fabric dials loopback only, not " + source + " -> " + listener);
    }
    FabricSocket socket = new FabricSocket();
    try {
      socket.bind(new InetSocketAddress(source, 0));
      bound.accept(socket.getLocalPort());
      socket.onClose(onClose);
      socket.connect(listener, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}
