package dev.isla.dns.listener;

import dev.isla.dns.query.QueryHandler;
import dev.isla.dns.query.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * DNS over TCP on one address (RFC 1035 §4.2.2, RFC 7766): one virtual thread per connection,
 * several length-prefixed messages per connection, at most
 * {@link ListenerSettings#tcpConnections()} connections at once. A client that takes longer than
 * {@link ListenerSettings#tcpTimeout()} to send a whole message, to read a reply, or stays idle
 * that long, is cut off.
 */
final class TcpListener implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());

  private final ServerSocket server;
  private final QueryHandler handler;
  private final Optional<String> vnetId;
  private final Semaphore connections;
  private final long timeoutMillis;

  TcpListener(InetSocketAddress address, QueryHandler handler, Optional<String> vnetId, ListenerSettings settings)
      throws IOException {
    this.server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(address, 128);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    this.handler = handler;
    this.vnetId = vnetId;
    this.connections = new Semaphore(settings.tcpConnections());
    this.timeoutMillis = settings.tcpTimeout().toMillis();
    Thread.ofVirtual().name("dns-tcp-accept-" + address).start(this::accept);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        if (connections.tryAcquire()) {
          Thread.ofVirtual().name("dns-tcp-conn").start(() -> serve(socket));
        } else {
          socket.close();
        }
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.log(System.Logger.Level.WARNING, "TCP accept failed", e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (!server.isClosed()) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] prefix = new byte[2];
        if (!readFully(socket, in, prefix, deadline, true)) {
          return;
        }
        byte[] query = new byte[((prefix[0] & 0xFF) << 8) | (prefix[1] & 0xFF)];
        readFully(socket, in, query, deadline, false);
        Optional<byte[]> reply = handler.handle(query, query.length, Transport.TCP, vnetId);
        if (reply.isEmpty()) {
          return;
        }
        write(socket, out, reply.get());
      }
    } catch (SocketTimeoutException e) {
      LOG.log(System.Logger.Level.DEBUG, "TCP client too slow; connection cut");
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "TCP connection ended", e);
    } finally {
      connections.release();
    }
  }

  /**
   * Writes one length-prefixed reply; a client that does not read it within the timeout has its
   * connection closed (sockets have no write timeout, so a watchdog does it).
   */
  private void write(Socket socket, OutputStream out, byte[] reply) throws IOException {
    Thread watchdog = Thread.ofVirtual().name("dns-tcp-write-watchdog").start(() -> {
      try {
        Thread.sleep(timeoutMillis);
        socket.close();
      } catch (InterruptedException | IOException e) {
        // Interrupted: the reply was written in time.
      }
    });
    try {
      out.write(new byte[] {(byte) (reply.length >>> 8), (byte) reply.length});
      out.write(reply);
      out.flush();
    } finally {
      watchdog.interrupt();
    }
  }

  /**
   * Reads {@code buffer.length} bytes before {@code deadline}. Returns false on a clean end of
   * stream before the first byte when {@code eofAllowed}; throws on a timeout or a cut message.
   */
  private static boolean readFully(Socket socket, InputStream in, byte[] buffer, long deadline, boolean eofAllowed)
      throws IOException {
    int off = 0;
    while (off < buffer.length) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new SocketTimeoutException("message not complete in time");
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
      int n = in.read(buffer, off, buffer.length - off);
      if (n < 0) {
        if (off == 0 && eofAllowed) {
          return false;
        }
        throw new EOFException("connection closed inside a message");
      }
      off += n;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
