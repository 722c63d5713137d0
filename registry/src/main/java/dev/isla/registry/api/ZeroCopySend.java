package dev.isla.registry.api;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.NioSocket;
import io.helidon.common.socket.PlainSocket;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a response body from a file straight to the connection's socket with
 * {@link FileChannel#transferTo} ({@code sendfile} on Linux: no copy through the heap), as
 * Distribution does. Helidon 4.5 has no public API for it, so the plain HTTP/1 connection's
 * {@link SocketChannel} is reached through private fields (the response's connection, the
 * socket's channel), looked up once at start; when they are missing (another Helidon version),
 * or the connection is TLS or not a channel, or Helidon queues its socket writes, {@link #send}
 * declines before anything is written and the caller copies through the response's stream. Helidon writes the status line, headers and the body's first byte (so its
 * own bookkeeping sees a started, fixed-length body); the rest goes through the channel.
 */
final class ZeroCopySend {

  private static final Logger LOG = Logger.getLogger(ZeroCopySend.class.getName());
  private static final long MAX_TRANSFER = 8L * 1024 * 1024;
  private static final String DIRECT_WRITER = "io.helidon.common.socket.SocketWriterDirect";
  private static final Optional<ZeroCopySend> INSTANCE = lookUp();

  private static final LongAdder SENT = new LongAdder();

  private final Field context;
  private final Field nioChannel;
  private final Field plainSocket;

  private ZeroCopySend(Field context, Field nioChannel, Field plainSocket) {
    this.context = context;
    this.nioChannel = nioChannel;
    this.plainSocket = plainSocket;
  }

  /** The sender, when this Helidon exposes what it needs. */
  static Optional<ZeroCopySend> available() {
    return INSTANCE;
  }

  /** How many bodies this process sent with sendfile (a figure for tests and diagnostics). */
  static long bodiesSent() {
    return SENT.sum();
  }

  private static Optional<ZeroCopySend> lookUp() {
    try {
      Field context = Class.forName("io.helidon.webserver.http1.Http1ServerResponse")
          .getDeclaredField("ctx");
      Field nioChannel = NioSocket.class.getDeclaredField("delegate");
      Field plainSocket = PlainSocket.class.getDeclaredField("delegate");
      if (!ConnectionContext.class.isAssignableFrom(context.getType())
          || !SocketChannel.class.isAssignableFrom(nioChannel.getType())
          || !Socket.class.isAssignableFrom(plainSocket.getType())) {
        return Optional.empty();
      }
      context.setAccessible(true);
      nioChannel.setAccessible(true);
      plainSocket.setAccessible(true);
      return Optional.of(new ZeroCopySend(context, nioChannel, plainSocket));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.INFO, "blob bodies are copied through the heap (no sendfile path)", e);
      return Optional.empty();
    }
  }

  /**
   * Sends {@code length} bytes of {@code file} from {@code offset} as the body of
   * {@code response} (whose {@code Content-Length} the caller set to {@code length}), or
   * returns false with nothing written when the connection has no usable channel.
   *
   * @throws IOException when the transfer broke after it began (the body is incomplete)
   */
  boolean send(ServerResponse response, FileChannel file, long offset, long length)
      throws IOException {
    Optional<SocketChannel> channel = channel(response);
    if (channel.isEmpty() || length == 0) {
      return false;
    }
    ByteBuffer first = ByteBuffer.allocate(1);
    if (file.read(first, offset) != 1) {
      throw new IOException("the blob ended before its first byte");
    }
    OutputStream out = response.outputStream();
    out.write(first.array()[0]);
    out.flush();
    transfer(file, offset + 1, length - 1, channel.orElseThrow());
    out.close();
    SENT.increment();
    return true;
  }

  private static void transfer(FileChannel file, long from, long length, SocketChannel target)
      throws IOException {
    long position = from;
    long end = from + length;
    while (position < end) {
      long sent = file.transferTo(position, Math.min(MAX_TRANSFER, end - position), target);
      if (sent <= 0) {
        if (position >= file.size()) {
          throw new IOException("the blob ended " + (end - position) + " bytes early");
        }
        // The socket is full (a non-blocking descriptor under a virtual thread): a blocking
        // write parks until the peer reads, then sendfile resumes.
        ByteBuffer one = ByteBuffer.allocate(1);
        file.read(one, position);
        one.flip();
        while (one.hasRemaining()) {
          target.write(one);
        }
        sent = 1;
      }
      position += sent;
    }
  }

  private Optional<SocketChannel> channel(ServerResponse response) {
    try {
      if (!context.getDeclaringClass().isInstance(response)) {
        return Optional.empty();
      }
      ConnectionContext connection = (ConnectionContext) context.get(response);
      HelidonSocket helidonSocket = connection.serverSocket();
      // Helidon's queued writer (writeQueueLength > 1) could still hold the headers when the
      // body starts on the channel: only its direct writer keeps the bytes in order.
      if (!DIRECT_WRITER.equals(connection.dataWriter().getClass().getName())) {
        return Optional.empty();
      }
      if (helidonSocket.getClass() == NioSocket.class) {
        return Optional.of((SocketChannel) nioChannel.get(helidonSocket));
      }
      if (helidonSocket.getClass() == PlainSocket.class) {
        return Optional.ofNullable(((Socket) plainSocket.get(helidonSocket)).getChannel());
      }
      return Optional.empty();
    } catch (IllegalAccessException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
