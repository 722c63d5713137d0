package dev.isla.nodes.boot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.nodes.net.NodeHttpClient;
import dev.isla.nodes.net.Request;
import dev.isla.nodes.net.Response;
import dev.isla.nodes.net.Url;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls images and artifacts as ORAS and containerd do: the manifest (an index resolves to its
 * {@code linux/amd64} entry), then the config and every layer, each verified against its sha256
 * digest while streaming (64 KiB at a time: a node keeps nothing, memory stays bounded). A
 * {@code 401} with a {@code Bearer} challenge is answered at the challenge's realm — with the
 * node's ACR refresh token ({@code POST}, {@code grant_type=refresh_token}) or anonymously
 * ({@code GET}) — and the request retried once.
 */
public final class RegistryClient {

  /** The node's registry credential: a refresh token from the ACR exchange, or none. */
  public record Credential(Optional<String> refreshToken) {
    public static Credential anonymous() {
      return new Credential(Optional.empty());
    }
  }

  /** What a pull fetched: the manifest digest and the bytes of blobs verified. */
  public record Pulled(ImageRef image, String digest, long blobBytes) {}

  static final String ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  private static final int MAX_MANIFEST = 4 * 1024 * 1024;
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final NodeHttpClient http;
  private final RegistryEndpoint endpoint;
  private final Credential credential;
  private final Map<String, String> tokens = new HashMap<>();

  public RegistryClient(NodeHttpClient http, RegistryEndpoint endpoint, Credential credential) {
    this.http = http;
    this.endpoint = endpoint;
    this.credential = credential;
  }

  /**
   * Pulls {@code image} (an MCR repository) and verifies every digest.
   *
   * @param containerd sent by containerd through the mirror (adds {@code ns}) rather than ORAS
   * @throws RegistryException for an error status (404 {@code NAME_UNKNOWN} …)
   * @throws IOException network failures, digest mismatches
   */
  public Pulled pull(ImageRef image, boolean containerd) throws IOException {
    Manifest top = manifest(image.repository(), image.reference(), containerd);
    Manifest manifest = top;
    if (top.json().has("manifests")) {
      String child = platform(top.json(), image);
      manifest = manifest(image.repository(), child, containerd);
    }
    long bytes = 0;
    for (JsonNode blob : blobs(manifest.json())) {
      bytes += blob(image.repository(), blob.path("digest").asText(), blob.path("size").asLong(-1),
          containerd);
    }
    return new Pulled(image, top.digest(), bytes);
  }

  private record Manifest(String digest, JsonNode json) {}

  private Manifest manifest(String repository, String reference, boolean containerd)
      throws IOException {
    Url url = endpoint.url(repository, "manifests", reference, containerd);
    try (Response r = authorized(repository, url)) {
      byte[] body = r.body().readNBytes(MAX_MANIFEST + 1);
      if (body.length > MAX_MANIFEST) {
        throw new IOException("manifest " + url + " is larger than 4 MiB");
      }
      String digest = "sha256:" + sha256(body);
      String claimed = r.header("docker-content-digest").orElse(digest);
      if (!digest.equals(claimed) || (reference.startsWith("sha256:") && !reference.equals(digest))) {
        throw new IOException("manifest " + url + " does not match its digest: got " + digest
            + ", expected " + (reference.startsWith("sha256:") ? reference : claimed));
      }
      return new Manifest(digest, Json.parse(new String(body, StandardCharsets.UTF_8)));
    }
  }

  private long blob(String repository, String digest, long size, boolean containerd)
      throws IOException {
    if (!digest.matches("sha256:[a-f0-9]{64}")) {
      throw new IOException("unsupported blob digest in manifest: " + digest);
    }
    Url url = endpoint.url(repository, "blobs", digest, containerd);
    try (Response r = authorized(repository, url); InputStream in = r.body()) {
      MessageDigest sha = sha();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        total += n;
      }
      String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
      if (!actual.equals(digest) || (size >= 0 && size != total)) {
        throw new IOException("blob " + digest + " from " + r.url() + " does not verify: got "
            + actual + " (" + total + " bytes, expected " + size + ")");
      }
      return total;
    }
  }

  private Response authorized(String repository, Url url) throws IOException {
    String scope = "repository:" + endpoint.repository(repository) + ":pull";
    Response r = http.send(get(url, Optional.ofNullable(tokens.get(scope))));
    Optional<String> challenge = r.header("www-authenticate")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7));
    if (r.status() == 401 && challenge.isPresent()) {
      r.close();
      String token = token(challenge.get(), scope);
      tokens.put(scope, token);
      r = http.send(get(url, Optional.of(token)));
    }
    if (r.status() / 100 != 2) {
      RegistryException e = RegistryException.of("GET " + url, r);
      r.close();
      throw e;
    }
    return r;
  }

  private static Request get(Url url, Optional<String> token) {
    return token.map(t -> Request.get(url, "Accept", ACCEPT, "Authorization", "Bearer " + t))
        .orElseGet(() -> Request.get(url, "Accept", ACCEPT));
  }

  /** A token for {@code scope} (the challenge's own scope when it names one) from the realm. */
  String token(String challenge, String scope) throws IOException {
    Map<String, String> p = new HashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      p.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    Url realm = Url.parse(Optional.ofNullable(p.get("realm"))
        .orElseThrow(() -> new IOException("the registry's Bearer challenge has no realm")));
    String service = p.getOrDefault("service", endpoint.host());
    String wanted = p.getOrDefault("scope", scope);
    String query = "service=" + enc(service) + "&scope=" + enc(wanted);
    Request request = credential.refreshToken()
        .map(t -> Request.postForm(realm, "grant_type=refresh_token&" + query
            + "&refresh_token=" + enc(t)))
        .orElseGet(() -> Request.get(realm.resolve(realm.target()
            + (realm.target().contains("?") ? "&" : "?") + query)));
    try (Response r = http.send(request)) {
      if (r.status() != 200) {
        throw RegistryException.of(request.method() + " " + realm, r);
      }
      JsonNode body = Json.parse(r.text(MAX_MANIFEST));
      String token = body.path("access_token").asText(body.path("token").asText(""));
      if (token.isEmpty()) {
        throw new IOException(realm + " returned no access token");
      }
      return token;
    }
  }

  private static String platform(JsonNode index, ImageRef image) throws IOException {
    JsonNode chosen = null;
    for (JsonNode m : index.path("manifests")) {
      JsonNode p = m.path("platform");
      boolean linuxAmd64 = p.path("os").asText().equals("linux")
          && p.path("architecture").asText().equals("amd64");
      if (linuxAmd64 || (chosen == null && p.isMissingNode())) {
        chosen = m;
      }
    }
    if (chosen == null) {
      throw new IOException("the index of " + image + " has no linux/amd64 manifest");
    }
    return chosen.path("digest").asText();
  }

  private static List<JsonNode> blobs(JsonNode manifest) {
    List<JsonNode> out = new ArrayList<>();
    if (manifest.has("config")) {
      out.add(manifest.get("config"));
    }
    manifest.path("layers").forEach(out::add);
    manifest.path("blobs").forEach(out::add);
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha().digest(bytes));
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
