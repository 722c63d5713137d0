package dev.isla.launcher.crash;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * OCI Distribution requests to one registry on the server's registry listener, addressed by
 * {@code Host}; a 307 to the registry's data endpoint is followed (same listener, that host).
 */
final class RegistryClient {

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String ACCEPT = OCI_MANIFEST + ",application/vnd.oci.image.index.v1+json,"
      + "application/vnd.docker.distribution.manifest.v2+json,"
      + "application/vnd.docker.distribution.manifest.list.v2+json";

  private final CrashHttp http;
  private final String base;
  private final String host;

  RegistryClient(CrashHttp http, String registryUrl, String host) {
    this.http = http;
    this.base = registryUrl;
    this.host = host;
  }

  CrashHttp.Reply send(String method, String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    return sendTo(host, method, path, body, headers);
  }

  private CrashHttp.Reply sendTo(String to, String method, String path, byte[] body,
      String... headers) throws IOException, InterruptedException {
    String[] all = new String[headers.length + 2];
    all[0] = "Host";
    all[1] = to;
    System.arraycopy(headers, 0, all, 2, headers.length);
    CrashHttp.Reply r = http.send(method, base + path, body, all);
    if (r.status() == 307 && to.equals(host)) {
      URI location = URI.create(r.header("Location"));
      String target = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
      return sendTo(location.getHost(), method, target, body, headers);
    }
    return r;
  }

  /** {@code location} as a path on the listener (Location may be absolute or a path). */
  static String path(String location) {
    if (location.startsWith("/")) {
      return location;
    }
    URI uri = URI.create(location);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
