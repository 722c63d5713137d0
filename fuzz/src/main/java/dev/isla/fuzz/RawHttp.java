package dev.isla.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for inputs {@code java.net.http} refuses to send (backslashes,
 * NUL, raw percent escapes, bare bytes in the request target, oversized headers) and for clients
 * that send slowly. One request per connection ({@code Connection: close}); the answer is read by
 * its length, then {@link Response#closed()} tells whether the server closed the connection as
 * asked. Every read is bounded by a timeout: a server that never answers fails the test instead
 * of hanging it.
 */
public final class RawHttp {

  /** How long a read may wait for the server. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

  /** How long the server has, after its answer, to close a connection that asked for it. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * An answer.
   *
   * @param headers names in lower case
   * @param closed true when the server closed the connection after the answer (within
   *     {@link #CLOSE_TIMEOUT})
   */
  public record Response(int status, Map<String, String> headers, byte[] body, boolean closed) {
    /** The body as UTF-8. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final int port;
  private final String host;

  /** A client for {@code 127.0.0.1:port} that sends {@code Host: host}. */
  public RawHttp(int port, String host) {
    this.port = port;
    this.host = host;
  }

  /** Sends one request and reads its answer. */
  public Response send(String method, String target, Map<String, String> headers, byte[] body) {
    return send(request(method, target, headers, body), Duration.ZERO);
  }

  /** The head of a request; {@code body} follows it. */
  public byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder(method).append(' ').append(target)
        .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nConnection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body.length > 0 || method.equals("PUT") || method.equals("POST")
        || method.equals("PATCH")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[start.length + body.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(body, 0, all, start.length, body.length);
    return all;
  }

  /** Sends {@code bytes}, pausing {@code pause} between bytes when it is not zero. */
  public Response send(byte[] bytes, Duration pause) {
    return exchange(bytes, pause, false);
  }

  /**
   * Sends {@code bytes} and reads the answer, then waits up to {@link #CLOSE_TIMEOUT} for the
   * server to close the connection ({@link Response#closed()}).
   */
  public Response sendAndAwaitClose(byte[] bytes) {
    return exchange(bytes, Duration.ZERO, true);
  }

  private Response exchange(byte[] bytes, Duration pause, boolean awaitClose) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      if (pause.isZero()) {
        out.write(bytes);
      } else {
        for (byte b : bytes) {
          out.write(b);
          out.flush();
          Thread.sleep(pause);
        }
      }
      out.flush();
      boolean head = new String(bytes, 0, Math.min(5, bytes.length),
          StandardCharsets.ISO_8859_1).equals("HEAD ");
      Response response = read(socket.getInputStream(), head);
      return new Response(response.status(), response.headers(), response.body(),
          awaitClose && closedWithin(socket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Response read(InputStream in, boolean head) throws IOException {
    ByteArrayOutputStream prologue = new ByteArrayOutputStream();
    while (!prologue.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IllegalStateException("not an HTTP response: " + prologue);
      }
      prologue.write(b);
    }
    String[] lines = prologue.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    int status = Integer.parseInt(lines[0].substring(9, 12));
    byte[] body;
    if (head || status == 204 || status == 304) {
      body = new byte[0];
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(in);
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, body, false);
  }

  /** True when the server ends the stream within {@link #CLOSE_TIMEOUT} and sends nothing more. */
  private static boolean closedWithin(Socket socket) throws IOException {
    socket.setSoTimeout((int) CLOSE_TIMEOUT.toMillis());
    try {
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      // A reset after the full answer is a close too.
      return true;
    }
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IllegalStateException("the chunked body ended early");
        }
        line.append((char) b);
      }
      int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      in.readNBytes(2);
    }
  }
}
