package dev.isla.launcher.crash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One registry worker: pushes images (a config and one or two layers, uploaded monolithically
 * or in chunks, then the manifest by a fresh tag) and moves the worker's {@code latest} tag onto
 * each new image. Only a 201 acknowledges a blob or a manifest.
 */
final class RegistryWorkload {

  private static final int CHUNK = 256 * 1024;
  private final RegistryClient registry;
  private final CrashLedger ledger;
  private final Random random;

  RegistryWorkload(RegistryClient registry, CrashLedger ledger, Random random) {
    this.registry = registry;
    this.ledger = ledger;
    this.random = random;
  }

  private int worker;

  void run(int worker, int cycle, BooleanSupplier stop) throws IOException, InterruptedException {
    this.worker = worker;
    String repo = "app/w" + worker;
    for (int i = 0; !stop.getAsBoolean(); i++) {
      push(repo, "c" + cycle + "-" + i, "w" + worker + "c" + cycle + "n" + i);
    }
  }

  private void push(String repo, String tag, String key) throws IOException, InterruptedException {
    byte[] config = RegistryClient.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":"
        + "{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{\"Labels\":{\"crash\":\"" + key + "\"}}}");
    List<String> layers = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String configDigest = upload(repo, config, false);
    for (int n = 1 + random.nextInt(2); n > 0; n--) {
      byte[] layer = new byte[1024 + random.nextInt(1536 * 1024)];
      random.nextBytes(layer);
      layers.add(upload(repo, layer, random.nextBoolean()));
      sizes.add(layer.length);
    }
    byte[] manifest = manifest(configDigest, config.length, layers, sizes);
    String digest = RegistryClient.sha256(manifest);
    List<String> blobs = new ArrayList<>(layers);
    blobs.add(configDigest);
    if (putManifest(repo, tag, manifest)) {
      ledger.manifests.put(repo + ":" + tag, new CrashLedger.Manifest(repo, tag, digest, blobs));
      ledger.pushes.incrementAndGet();
    }
    String latest = repo + ":latest";
    ledger.tagsInFlight.put(latest, digest);
    if (putManifest(repo, "latest", manifest)) {
      ledger.tags.put(latest, digest);
    }
    ledger.tagsInFlight.remove(latest);
  }

  private static byte[] manifest(String config, int configSize, List<String> layers, List<Integer> sizes) {
    StringBuilder m = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + RegistryClient.OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + config + "\",\"size\":" + configSize + "},\"layers\":[");
    for (int l = 0; l < layers.size(); l++) {
      m.append(l == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
          + "\"digest\":\"").append(layers.get(l)).append("\",\"size\":").append(sizes.get(l)).append('}');
    }
    return RegistryClient.utf8(m.append("]}").toString());
  }

  private boolean putManifest(String repo, String tag, byte[] manifest)
      throws IOException, InterruptedException {
    CrashHttp.Reply r = registry.send("PUT", "/v2/" + repo + "/manifests/" + tag, manifest,
        "Content-Type", RegistryClient.OCI_MANIFEST);
    return expect(r, 201, "PUT manifest " + repo + ":" + tag);
  }

  /** Uploads {@code bytes}; the digest, recorded as acknowledged once the 201 came. */
  private String upload(String repo, byte[] bytes, boolean chunked) throws IOException, InterruptedException {
    String digest = RegistryClient.sha256(bytes);
    ledger.blobsInFlight.put(digest, repo);
    CrashHttp.Reply r = chunked ? chunked(repo, bytes, digest)
        : registry.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, bytes,
            "Content-Type", "application/octet-stream");
    if (r != null && expect(r, 201, "PUT blob " + digest)) {
      ledger.blobs.put(digest, repo);
      ledger.uploads.incrementAndGet();
    }
    ledger.blobsInFlight.remove(digest);
    return digest;
  }

  /**
   * POST, a PATCH per 256 KiB chunk, PUT with the digest; the session and the bytes it
   * acknowledged are kept in the ledger so the audit can resume it. The commit's answer, or null
   * after a refusal.
   */
  private CrashHttp.Reply chunked(String repo, byte[] bytes, String digest) throws IOException, InterruptedException {
    CrashHttp.Reply r = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", null);
    if (!expect(r, 202, "POST upload " + repo)) {
      return null;
    }
    String location = RegistryClient.path(r.header("Location"));
    ledger.openUploads.put(worker, new CrashLedger.OpenUpload(repo, location, bytes, 0, false));
    for (int off = 0; off < bytes.length; off += CHUNK) {
      int end = Math.min(bytes.length, off + CHUNK);
      r = registry.send("PATCH", location, Arrays.copyOfRange(bytes, off, end),
          "Content-Type", "application/octet-stream", "Content-Range", off + "-" + (end - 1));
      if (!expect(r, 202, "PATCH upload " + repo)) {
        return null;
      }
      location = RegistryClient.path(r.header("Location"));
      ledger.openUploads.put(worker, new CrashLedger.OpenUpload(repo, location, bytes, end, false));
    }
    ledger.openUploads.put(worker, new CrashLedger.OpenUpload(repo, location, bytes, bytes.length, true));
    r = registry.send("PUT", location + (location.contains("?") ? "&" : "?") + "digest=" + digest, null);
    ledger.openUploads.remove(worker);
    return r;
  }

  private boolean expect(CrashHttp.Reply r, int status, String what) {
    if (r.status() != status) {
      ledger.violation(what + " answered " + r.status() + ": " + r.text());
      return false;
    }
    return true;
  }
}
