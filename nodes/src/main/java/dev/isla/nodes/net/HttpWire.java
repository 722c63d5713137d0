package dev.isla.nodes.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 framing (RFC 9112): request head out, status line and fields in, body framing. */
final class HttpWire {

  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_FIELDS = 200;

  /** A parsed status line and header fields. */
  record Head(int status, String reason, Map<String, List<String>> headers) {}

  private HttpWire() {}

  static void writeRequest(OutputStream out, Request request, Url url) throws IOException {
    StringBuilder head = new StringBuilder()
        .append(request.method()).append(' ').append(url.target()).append(" HTTP/1.1\r\n")
        .append("Host: ").append(url.authority()).append("\r\n");
    request.headers().forEach((name, value) ->
        head.append(name).append(": ").append(value).append("\r\n"));
    if (request.body().length > 0 || request.method().equals("POST")) {
      head.append("Content-Length: ").append(request.body().length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(request.body());
    out.flush();
  }

  static Head readHead(InputStream in) throws IOException {
    String status = readLine(in);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x response: '" + status + "'");
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("malformed status line: '" + status + "'");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < MAX_FIELDS; i++) {
      String line = readLine(in);
      if (line.isEmpty()) {
        return new Head(code, parts.length > 2 ? parts[2] : "", headers);
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header field: '" + line + "'");
      }
      headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
    }
    throw new IOException("more than " + MAX_FIELDS + " header fields");
  }

  /** The body stream the head announces; {@code HEAD} responses and 1xx/204/304 have none. */
  static InputStream body(InputStream in, String method, Head head) throws IOException {
    if (method.equals("HEAD") || head.status() / 100 == 1 || head.status() == 204
        || head.status() == 304) {
      return new LimitedInputStream(in, 0);
    }
    List<String> te = head.headers().getOrDefault("transfer-encoding", List.of());
    if (te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
      return new ChunkedInputStream(in);
    }
    List<String> length = head.headers().getOrDefault("content-length", List.of());
    if (!length.isEmpty()) {
      try {
        return new LimitedInputStream(in, Long.parseLong(length.getFirst()));
      } catch (NumberFormatException e) {
        throw new IOException("malformed Content-Length: " + length.getFirst());
      }
    }
    return in;
  }

  /** One CRLF- (or LF-) terminated line, ISO-8859-1, without its terminator. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the connection closed in the middle of a line");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("a line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
  }
}
