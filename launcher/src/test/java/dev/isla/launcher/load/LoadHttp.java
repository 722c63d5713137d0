package dev.isla.launcher.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One client's persistent HTTP/1.1 connection to one loopback port, over a raw socket so that
 * every request can name its own {@code Host} (the registry's virtual hosts) and so that each
 * load client holds exactly one connection, as a real client does. Not thread-safe: one owner.
 *
 * <p>A request on a reused connection that the server had closed meanwhile (a failure before
 * any byte of the answer arrived, other than a timeout) is sent once more on a new connection,
 * as HTTP clients do; such retries are counted. A timeout (30 s without a byte) is an error.
 * Bodies are read by {@code Content-Length}, chunked, or to the end of the stream.
 */
final class LoadHttp implements AutoCloseable {

  /** An answer: status, headers (names lower-cased; the last one wins), the whole body. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The start of the body, for error lines. */
    String excerpt() {
      String t = text().replaceAll("\\s+", " ");
      return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
  }

  private static final int TIMEOUT_MS = 30_000;

  private final InetSocketAddress address;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean reused;
  private boolean started;
  private long retries;

  LoadHttp(InetSocketAddress address) {
    this.address = address;
  }

  /** Sends one request and reads its whole answer. {@code body} may be null. */
  Response send(String method, String target, String host, Map<String, String> headers,
      byte[] body) throws IOException {
    try {
      return exchange(method, target, host, headers, body);
    } catch (IOException e) {
      if (!reused || started || e instanceof java.net.SocketTimeoutException) {
        throw e;
      }
      retries++;
      close();
      return exchange(method, target, host, headers, body);
    }
  }

  /** Requests sent again because a kept-alive connection had been closed by the server. */
  long retries() {
    return retries;
  }

  private Response exchange(String method, String target, String host,
      Map<String, String> headers, byte[] body) throws IOException {
    reused = socket != null;
    started = false;
    if (socket == null) {
      socket = new Socket();
      socket.connect(address, TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }
    StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
        .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null || method.equals("PUT") || method.equals("POST") || method.equals("PATCH")) {
      head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    Response r = read(method.equals("HEAD"));
    if (r.header("connection").equalsIgnoreCase("close")) {
      close();
    }
    return r;
  }

  private Response read(boolean head) throws IOException {
    String statusLine = line(true);
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(false); !l.isEmpty(); l = line(false)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    if (status < 200) {
      return read(head);
    }
    byte[] body;
    if (head || status == 204 || status == 304) {
      body = new byte[0];
    } else if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
      headers.put("connection", "close");
    }
    return new Response(status, headers, body);
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(false);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        for (String trailer = line(false); !trailer.isEmpty(); trailer = line(false)) {
          // Trailers carry nothing the load driver checks.
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line(false);
    }
  }

  /** One CRLF-terminated line; an EOF before its first byte is an {@link EOFException}. */
  private String line(boolean first) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw sb.isEmpty() && first ? new EOFException("connection closed by the server")
            : new IOException("connection closed in the middle of an answer");
      }
      started = true;
      if (b == '\n') {
        int end = sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r' ? sb.length() - 1 : sb.length();
        return sb.substring(0, end);
      }
      sb.append((char) b);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a socket already broken changes nothing for the load run.
      }
      socket = null;
    }
  }
}
