package dev.isla.fabric;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real TCP listener on 127.0.0.1:0 standing in for a server (the registry, the MCR stand-in):
 * it accepts on a virtual thread and asks the fabric where each connection comes from, as the
 * registry will.
 */
final class Listener implements AutoCloseable {

  /** One accepted connection: the peer the server saw and the origin the fabric reported. */
  record Accepted(InetAddress peerAddress, int peerPort, Optional<Origin> origin) {}

  private final ServerSocket server;
  private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
  private final Thread loop;

  Listener(Fabric fabric) throws IOException {
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    loop = Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          var peer = (InetSocketAddress) s.getRemoteSocketAddress();
          accepted.add(new Accepted(s.getInetAddress(), s.getPort(), fabric.origin(peer)));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  /** The next accepted connection, waiting at most {@code wait}; empty if none came. */
  Optional<Accepted> next(Duration wait) throws InterruptedException {
    return Optional.ofNullable(accepted.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    loop.join(Duration.ofSeconds(5));
  }
}
