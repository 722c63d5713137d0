package dev.isla.launcher.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The registry half of the audit after a restart. Over HTTP: every acknowledged blob is served
 * with its digest; every acknowledged manifest is served by digest and by its tag, and so is
 * every blob it references; a moved tag names the acknowledged image or the one in flight; every
 * tag of every repository in the catalog names a manifest whose blobs all exist (no partial
 * push visible); a blob whose upload the kill cut is absent or whole. On disk: every file under {@code registry/blobs/} hashes to its name, every
 * blob served whole through a cache rule is there, and none of the temp files the crash left
 * survived the restart.
 */
final class RegistryAudit {

  static final String TEMP_PREFIX = ".tmp-";
  private final RegistryClient registry;
  private final CrashLedger ledger;
  private final Path data;

  RegistryAudit(RegistryClient registry, CrashLedger ledger, Path data) {
    this.registry = registry;
    this.ledger = ledger;
    this.data = data;
  }

  /** The temp files under the data folder now (taken right after a kill). */
  static Set<Path> tempFiles(Path data) throws IOException {
    try (Stream<Path> all = Files.walk(data)) {
      return Set.copyOf(all.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList());
    }
  }

  void run(Set<Path> leftByCrash) throws IOException, InterruptedException {
    for (Path temp : leftByCrash) {
      if (Files.exists(temp)) {
        ledger.violation("temp file left by the crash still there after the restart: " + data.relativize(temp));
      }
    }
    blobs();
    for (CrashLedger.OpenUpload open : List.copyOf(ledger.openUploads.values())) {
      resume(open);
    }
    ledger.openUploads.clear();
    manifests();
    tags();
    catalog();
    disk();
  }

  private void blobs() throws IOException, InterruptedException {
    for (Map.Entry<String, String> blob : Map.copyOf(ledger.blobs).entrySet()) {
      blob(blob.getValue(), blob.getKey(), "acknowledged blob");
    }
    for (Map.Entry<String, String> cut : Map.copyOf(ledger.blobsInFlight).entrySet()) {
      CrashHttp.Reply r = registry.send("GET", "/v2/" + cut.getValue() + "/blobs/" + cut.getKey(), null);
      if (r.status() != 404 && !(r.status() == 200 && RegistryClient.sha256(r.body()).equals(cut.getKey()))) {
        ledger.violation("blob upload cut by the kill " + cut.getValue() + "@" + cut.getKey()
            + ": GET answered " + r.status() + " with bytes of digest " + RegistryClient.sha256(r.body()));
      }
    }
    ledger.blobsInFlight.clear();
  }

  private void manifests() throws IOException, InterruptedException {
    for (CrashLedger.Manifest m : List.copyOf(ledger.manifests.values())) {
      String name = m.repository() + ":" + m.tag();
      manifest(m.repository(), m.digest(), "acknowledged manifest " + name);
      String byTag = head(m.repository(), "manifests/" + m.tag());
      if (!byTag.equals(m.digest())) {
        ledger.violation("tag " + name + " acknowledged as " + m.digest() + ", names " + byTag);
      }
      for (String b : m.blobs()) {
        blob(m.repository(), b, "blob of acknowledged manifest " + name);
      }
    }
  }

  /** A moved tag names what was acknowledged last, or the push in flight; the one found counts. */
  private void tags() throws IOException, InterruptedException {
    for (Map.Entry<String, String> tag : Map.copyOf(ledger.tags).entrySet()) {
      String[] parts = tag.getKey().split(":");
      String now = head(parts[0], "manifests/" + parts[1]);
      String inFlight = ledger.tagsInFlight.getOrDefault(tag.getKey(), tag.getValue());
      if (!now.equals(tag.getValue()) && !now.equals(inFlight)) {
        ledger.violation("tag " + tag.getKey() + " acknowledged as " + tag.getValue() + ", names " + now);
      }
      ledger.tags.put(tag.getKey(), now);
    }
    ledger.tagsInFlight.clear();
  }

  /**
   * A chunked upload the kill interrupted resumes as the spec describes: its status says how
   * much the server holds (at least what it acknowledged: a chunk it was writing may have partly
   * landed), the rest is sent from there, and the blob commits with its digest.
   */
  private void resume(CrashLedger.OpenUpload open) throws IOException, InterruptedException {
    String what = "upload " + open.location() + " acknowledged to " + open.acked() + " bytes";
    CrashHttp.Reply status = registry.send("GET", open.location(), null);
    if (status.status() == 404 && open.committing()) {
      return;
    }
    if (status.status() != 204) {
      ledger.violation(what + ": status answered " + status.status() + ": " + status.text());
      return;
    }
    long held = Long.parseLong(status.header("Range").replaceFirst("^0-", "")) + 1;
    held = held == 1 && open.acked() == 0 ? 0 : held;
    if (held < open.acked() || held > open.bytes().length) {
      ledger.violation(what + ": the server holds " + held + " of " + open.bytes().length);
      return;
    }
    String location = open.location();
    if (held < open.bytes().length) {
      CrashHttp.Reply r = registry.send("PATCH", location, java.util.Arrays.copyOfRange(open.bytes(), (int) held,
          open.bytes().length), "Content-Type", "application/octet-stream",
          "Content-Range", held + "-" + (open.bytes().length - 1));
      if (r.status() != 202) {
        ledger.violation(what + ": PATCH from " + held + " answered " + r.status() + ": " + r.text());
        return;
      }
      location = RegistryClient.path(r.header("Location"));
    }
    String digest = RegistryClient.sha256(open.bytes());
    CrashHttp.Reply done = registry.send("PUT", location + (location.contains("?") ? "&" : "?") + "digest=" + digest, null);
    if (done.status() != 201) {
      ledger.violation(what + ": commit answered " + done.status() + ": " + done.text());
      return;
    }
    ledger.blobs.put(digest, open.repository());
    ledger.uploadsResumed.incrementAndGet();
  }

  private void catalog() throws IOException, InterruptedException {
    JsonNode repos = Json.parse(registry.send("GET", "/v2/_catalog?n=10000", null).text()).path("repositories");
    for (JsonNode repo : repos) {
      String name = repo.asText();
      JsonNode tags = Json.parse(registry.send("GET", "/v2/" + name + "/tags/list?n=10000", null).text()).path("tags");
      for (JsonNode tag : tags) {
        manifest(name, tag.asText(), "tag " + name + ":" + tag.asText() + " in the catalog");
      }
    }
  }

  /** Checks a manifest and, recursively, everything it references. */
  private void manifest(String repo, String reference, String what) throws IOException, InterruptedException {
    CrashHttp.Reply r = registry.send("GET", "/v2/" + repo + "/manifests/" + reference, null,
        "Accept", RegistryClient.ACCEPT);
    String digest = r.header("Docker-Content-Digest");
    if (r.status() != 200 || !RegistryClient.sha256(r.body()).equals(digest)
        || (reference.startsWith("sha256:") && !reference.equals(digest))) {
      ledger.violation(what + ": GET manifest answered " + r.status() + " digest " + digest + " for " + reference);
      return;
    }
    JsonNode m = Json.parse(r.text());
    for (JsonNode child : m.path("manifests")) {
      manifest(repo, child.path("digest").asText(), what + " → " + child.path("digest").asText());
    }
    List<JsonNode> refs = new ArrayList<>();
    if (m.has("config")) {
      refs.add(m.path("config"));
    }
    m.path("layers").forEach(refs::add);
    for (JsonNode ref : refs) {
      blob(repo, ref.path("digest").asText(), what + " references");
    }
  }

  private void blob(String repo, String digest, String what) throws IOException, InterruptedException {
    CrashHttp.Reply r = registry.send("GET", "/v2/" + repo + "/blobs/" + digest, null);
    if (r.status() != 200 || !RegistryClient.sha256(r.body()).equals(digest)) {
      ledger.violation(what + " " + repo + "@" + digest + ": GET answered " + r.status()
          + " with bytes of digest " + RegistryClient.sha256(r.body()));
    }
  }

  private String head(String repo, String path) throws IOException, InterruptedException {
    CrashHttp.Reply r = registry.send("HEAD", "/v2/" + repo + "/" + path, null, "Accept", RegistryClient.ACCEPT);
    return r.status() == 200 ? r.header("Docker-Content-Digest") : "(" + r.status() + ")";
  }

  private void disk() throws IOException {
    Path uploads = data.resolve("registry").resolve("uploads");
    if (Files.isDirectory(uploads)) {
      try (Stream<Path> sessions = Files.list(uploads)) {
        ledger.uploadSessions.set((int) sessions.count());
      }
    }
    Path blobs = data.resolve("registry").resolve("blobs").resolve("sha256");
    if (!Files.isDirectory(blobs)) {
      return;
    }
    try (Stream<Path> files = Files.walk(blobs)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = file.getFileName().toString();
        if (!name.startsWith(TEMP_PREFIX) && !hash(file).equals(name)) {
          ledger.violation("stored blob " + data.relativize(file) + " hashes to " + hash(file));
        }
      }
    }
    for (String digest : Set.copyOf(ledger.pulled.keySet())) {
      String hex = digest.substring("sha256:".length());
      if (!Files.isRegularFile(blobs.resolve(hex.substring(0, 2)).resolve(hex))) {
        ledger.violation("blob " + digest + " served whole through the cache rule is not stored");
      }
    }
  }

  private static String hash(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[256 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
