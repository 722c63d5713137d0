package dev.isla.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.identity.acr.AcrAuthException;
import dev.isla.identity.acr.AcrScope;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.nodes.boot.BootArtifacts;
import dev.isla.nodes.boot.ImageRef;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted OCI registry serving the boot artifacts (until the registry and MCR stand-in
 * branches land): as ACR with a cache rule for MCR under a prefix (Bearer challenges, tokens
 * from the identity module's {@link AcrTokenService}, blobs redirected to the data endpoint), or
 * as MCR (anonymous, no prefix). Each artifact is a manifest, a config and one 96 KiB layer.
 */
final class ScriptedRegistry {

  private static final Pattern ROUTE =
      Pattern.compile("/v2/(.+)/(manifests|blobs)/([^/?]+)");
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  record Seen(String host, String method, String target) {}

  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Optional<AcrTokenService> tokens;
  private final String service;
  private final String prefix;
  private final Optional<String> dataHost;
  final AtomicBoolean cacheRule = new AtomicBoolean(true);
  final AtomicBoolean anonymousPull = new AtomicBoolean(false);
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  private ScriptedRegistry(Optional<AcrTokenService> tokens, String service, String prefix,
      Optional<String> dataHost, BootArtifacts artifacts) {
    this.tokens = tokens;
    this.service = service;
    this.prefix = prefix;
    this.dataHost = dataHost;
    artifacts.all().forEach(this::add);
  }

  static ScriptedRegistry acr(AcrTokenService tokens, String loginServer, String prefix,
      String dataHost, BootArtifacts artifacts) {
    return new ScriptedRegistry(Optional.of(tokens), loginServer, prefix, Optional.of(dataHost),
        artifacts);
  }

  static ScriptedRegistry mcr(BootArtifacts artifacts) {
    return new ScriptedRegistry(Optional.empty(), "mcr.microsoft.com", "", Optional.empty(),
        artifacts);
  }

  private void add(ImageRef ref) {
    byte[] config = ("{\"artifact\":\"" + ref + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = new byte[96 * 1024];
    byte[] seed = ref.toString().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < layer.length; i++) {
      layer[i] = seed[i % seed.length];
    }
    ObjectNode m = Json.object().put("schemaVersion", 2).put("mediaType", MANIFEST_TYPE);
    m.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", put(config)).put("size", config.length);
    m.putArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar")
        .put("digest", put(layer)).put("size", layer.length);
    byte[] manifest = Json.write(m).getBytes(StandardCharsets.UTF_8);
    manifests.put(ref.repository() + ":" + ref.reference(), manifest);
    manifests.put(ref.repository() + ":" + digest(manifest), manifest);
  }

  private String put(byte[] blob) {
    String d = digest(blob);
    blobs.put(d, blob);
    return d;
  }

  /** Makes a blob's stored bytes differ from its digest (a corrupt upstream). */
  void corruptBlobs() {
    blobs.replaceAll((d, b) -> {
      byte[] copy = b.clone();
      copy[0] ^= 1;
      return copy;
    });
  }

  /** Records every request (routes registered after it, the token endpoints too, then run). */
  void record(ServerRequest req, ServerResponse res) {
    String target = req.path().rawPath() + (req.query().rawValue().isEmpty() ? ""
        : "?" + req.query().rawValue());
    seen.add(new Seen(host(req), req.prologue().method().text(), target));
    res.next();
  }

  private static String host(ServerRequest req) {
    return req.headers().first(HeaderNames.HOST).orElse("").replaceFirst(":\\d+$", "");
  }

  void handle(ServerRequest req, ServerResponse res) {
    String host = host(req);
    String path = req.path().rawPath();
    if (dataHost.isPresent() && host.equals(dataHost.get()) && path.startsWith("/blob-sas/")) {
      sendBlob(res, path.substring("/blob-sas/".length()), true);
      return;
    }
    if (path.equals("/v2/") || path.equals("/v2")) {
      if (authorized(req, Optional.empty())) {
        json(res, 200, Json.object());
      } else {
        challenge(res, "");
      }
      return;
    }
    if (path.equals("/v2/_catalog")) {
      catalog(req, res);
      return;
    }
    Matcher m = ROUTE.matcher(path);
    if (!m.matches()) {
      error(res, 404, "NAME_UNKNOWN", "repository name not known to registry");
      return;
    }
    content(req, res, m.group(1), m.group(2), m.group(3));
  }

  private void content(ServerRequest req, ServerResponse res, String name, String kind,
      String reference) {
    if (!authorized(req, Optional.of(name))) {
      challenge(res, "repository:" + name + ":pull");
      return;
    }
    String repo = prefix.isEmpty() ? name : name.startsWith(prefix + "/")
        ? name.substring(prefix.length() + 1) : "";
    if (repo.isEmpty() || !cacheRule.get()) {
      error(res, 404, "NAME_UNKNOWN", "repository name not known to registry");
      return;
    }
    if (kind.equals("manifests")) {
      byte[] body = manifests.get(repo + ":" + reference);
      if (body == null) {
        error(res, 404, "MANIFEST_UNKNOWN", "manifest tagged by \"" + reference
            + "\" is not found");
        return;
      }
      res.header(HeaderNames.CONTENT_TYPE, MANIFEST_TYPE);
      res.header(HeaderNames.create("Docker-Content-Digest"), digest(body));
      res.send(body);
    } else if (dataHost.isPresent()) {
      res.status(Status.TEMPORARY_REDIRECT_307);
      res.header(HeaderNames.LOCATION, "https://" + dataHost.get() + "/blob-sas/" + reference);
      res.send();
    } else {
      sendBlob(res, reference, false);
    }
  }

  private void catalog(ServerRequest req, ServerResponse res) {
    boolean anonymousToken = anonymousPull.get() && bearer(req).isPresent();
    if (!anonymousToken && !authorized(req, Optional.of("catalog"))) {
      challenge(res, "registry:catalog:*");
      return;
    }
    json(res, 200, Json.object().set("repositories", Json.array()));
  }

  private boolean authorized(ServerRequest req, Optional<String> repository) {
    if (tokens.isEmpty()) {
      return true;
    }
    Optional<String> token = bearer(req);
    if (token.isEmpty()) {
      return false;
    }
    try {
      List<AcrScope> access = tokens.get().verifyAccess(token.get(), service);
      return repository.isEmpty() || access.stream().anyMatch(s -> s.name().equals(repository.get())
          && (s.actions().contains("pull") || s.actions().contains("*")));
    } catch (AcrAuthException e) {
      return false;
    }
  }

  private static Optional<String> bearer(ServerRequest req) {
    return req.headers().first(HeaderNames.AUTHORIZATION)
        .filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7));
  }

  private void challenge(ServerResponse res, String scope) {
    res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"https://" + service
        + "/oauth2/token\",service=\"" + service + "\"" + (scope.isEmpty() ? ""
        : ",scope=\"" + scope + "\""));
    error(res, 401, "UNAUTHORIZED", "authentication required, visit https://aka.ms/acr/authorization"
        + " for more information.");
  }

  private void sendBlob(ServerResponse res, String digest, boolean chunked) {
    byte[] body = blobs.get(digest);
    if (body == null) {
      error(res, 404, "BLOB_UNKNOWN", "blob unknown to registry");
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
    if (!chunked) {
      res.send(body);
      return;
    }
    try (OutputStream out = res.outputStream()) {
      for (int i = 0; i < body.length; i += 8192) {
        out.write(body, i, Math.min(8192, body.length - i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void error(ServerResponse res, int status, String code, String message) {
    ObjectNode body = Json.object();
    body.putArray("errors").addObject().put("code", code).put("message", message);
    json(res, status, body);
  }

  private static void json(ServerResponse res, int status, ObjectNode body) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    res.send(Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
