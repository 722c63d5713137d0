package dev.isla.cli.arm;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal HTTP/1.1 client (one request per connection). The CLI does not use
 * {@code HttpURLConnection} because it refuses the PATCH method that {@code az acr update}
 * sends, nor {@code java.net.http.HttpClient}, which adds about 600 ms to every start
 * (research/toolchain.md §4). Handles Content-Length and chunked bodies; https through the
 * JDK's default socket factory.
 */
public final class Http1Client {

  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 300_000;

  /** Sends one request and reads the whole response. */
  public HttpExchange send(String method, URI uri, Map<String, String> headers, byte[] body)
      throws IOException {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
    try (Socket socket = open(uri.getHost(), port, tls)) {
      OutputStream out = socket.getOutputStream();
      out.write(requestHead(method, uri, headers, body.length).getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return readResponse(new BufferedInputStream(socket.getInputStream()), method);
    }
  }

  private static Socket open(String host, int port, boolean tls) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
    plain.setSoTimeout(READ_TIMEOUT_MS);
    if (!tls) {
      return plain;
    }
    return ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
  }

  private static String requestHead(String method, URI uri, Map<String, String> headers, int length) {
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    // A caller-given Host (virtual hosting: one registry listener, many registries) wins.
    if (headers.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
      head.append("Host: ").append(uri.getHost());
      if (uri.getPort() > 0) {
        head.append(':').append(uri.getPort());
      }
      head.append("\r\n");
    }
    head.append("Connection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (length > 0 || !method.equals("GET") && !method.equals("HEAD")) {
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  private static HttpExchange readResponse(InputStream in, String method) throws IOException {
    String statusLine = readLine(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("malformed HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
      }
    }
    boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || status < 200;
    String body = noBody ? "" : new String(readBody(in, headers), StandardCharsets.UTF_8);
    return new HttpExchange(status, headers, body);
  }

  private static byte[] readBody(InputStream in, Map<String, List<String>> headers)
      throws IOException {
    List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
    if (encoding.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains("chunked"))) {
      return readChunked(in);
    }
    List<String> length = headers.get("content-length");
    if (length != null) {
      return in.readNBytes(Integer.parseInt(length.getFirst()));
    }
    return in.readAllBytes();
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine)
          .trim(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers are ignored
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        if (line.size() == 0) {
          throw new IOException("connection closed before a complete response");
        }
        break;
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
