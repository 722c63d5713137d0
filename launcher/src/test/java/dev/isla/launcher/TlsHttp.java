package dev.isla.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JDK TLS client for tests that must choose the SNI name and the {@code Host} header apart
 * (the JDK's HttpClient derives both from the URI, and {@code *.azurecr.io} does not resolve
 * here): it dials 127.0.0.1, sends {@code sni} in the handshake, verifies the server's
 * certificate for that name (HTTPS endpoint identification) against the given trust only, and
 * speaks one HTTP/1.1 request with {@code Connection: close}.
 */
final class TlsHttp {

  private final SSLContext context;

  private TlsHttp(SSLContext context) {
    this.context = context;
  }

  /** A client trusting only the CA certificate in {@code caPem}. */
  static TlsHttp trusting(Path caPem) throws Exception {
    return new TlsHttp(context(caPem));
  }

  static SSLContext context(Path caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** An answer: status, headers (lower-case names, first value), body, the server's leaf. */
  record Response(int status, Map<String, String> headers, byte[] body, X509Certificate leaf) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
  }

  Response get(int port, String sni, String host, String path, String... headers)
      throws IOException {
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      raw.setSoTimeout(10_000);
      SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, sni, port, true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(sni)));
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      OutputStream out = tls.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(tls.getInputStream(), leaf);
    }
  }

  /** Reads one response: headers, then a body by Content-Length or chunks. */
  private static Response read(InputStream raw, X509Certificate leaf) throws IOException {
    InputStream in = new java.io.BufferedInputStream(raw);
    String[] lines = headerBlock(in).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int size;
      while ((size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0) {
        out.write(in.readNBytes(size));
        line(in);
      }
      body = out.toByteArray();
    } else {
      body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    }
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body, leaf);
  }

  private static String headerBlock(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    String line;
    while (!(line = line(in)).isEmpty()) {
      sb.append(line).append("\r\n");
    }
    return sb.toString();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
