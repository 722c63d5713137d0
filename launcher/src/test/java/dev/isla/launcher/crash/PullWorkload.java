package dev.isla.launcher.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The pull-through worker: pulls stand-in MCR images through the registry's cache rule
 * ({@code mcr.microsoft.com/*} ⇒ {@code mcr/*}), next image in a seeded order, manifest then
 * every blob; a blob served whole with the right digest is acknowledged (the registry stored
 * and linked it before releasing its last byte).
 */
final class PullWorkload {

  private final RegistryClient registry;
  private final CrashLedger ledger;
  private final List<String> images;
  private int next;

  /** {@code images}: {@code repository:tag} on the stand-in, in the order to pull them. */
  PullWorkload(RegistryClient registry, CrashLedger ledger, List<String> images) {
    this.registry = registry;
    this.ledger = ledger;
    this.images = images;
  }

  void run(BooleanSupplier stop) throws IOException, InterruptedException {
    while (!stop.getAsBoolean() && !images.isEmpty()) {
      String image = images.get(next++ % images.size());
      int colon = image.lastIndexOf(':');
      pull("mcr/" + image.substring(0, colon), image.substring(colon + 1));
    }
  }

  private void pull(String repo, String tag) throws IOException, InterruptedException {
    JsonNode manifest = manifest(repo, tag);
    if (manifest.has("manifests")) {
      JsonNode first = manifest.path("manifests").path(0);
      manifest = manifest(repo, first.path("digest").asText());
    }
    List<String> blobs = new ArrayList<>();
    if (manifest.has("config")) {
      blobs.add(manifest.path("config").path("digest").asText());
    }
    manifest.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
    for (String digest : blobs) {
      ledger.pullInFlight = repo + "@" + digest + " since " + java.time.Instant.now();
      CrashHttp.Reply r = registry.send("GET", "/v2/" + repo + "/blobs/" + digest, null);
      if (r.status() != 200 || !RegistryClient.sha256(r.body()).equals(digest)) {
        ledger.violation("pull-through GET " + repo + "@" + digest + " answered " + r.status()
            + " with " + r.body().length + " bytes of digest " + RegistryClient.sha256(r.body()));
        continue;
      }
      ledger.pulled.put(digest, repo);
      ledger.fills.incrementAndGet();
    }
  }

  private JsonNode manifest(String repo, String reference) throws IOException, InterruptedException {
    ledger.pullInFlight = repo + ":" + reference + " since " + java.time.Instant.now();
    CrashHttp.Reply r = registry.send("GET", "/v2/" + repo + "/manifests/" + reference, null,
        "Accept", RegistryClient.ACCEPT);
    if (r.status() != 200) {
      ledger.violation("pull-through GET manifest " + repo + ":" + reference + " answered "
          + r.status() + ": " + r.text());
      return Json.object();
    }
    return Json.parse(r.text());
  }
}
