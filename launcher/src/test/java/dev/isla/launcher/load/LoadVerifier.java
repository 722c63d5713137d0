package dev.isla.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pass after the load: every write a client saw acknowledged is read back on fresh
 * connections. Groups and networks carry the acknowledged tags (and prefix), deleted networks
 * are 404, deleted scratch groups are gone once their delete operations finish (waited for up to
 * {@link #DELETE_WAIT_MS}), and every pushed image is pullable by digest with identical bytes,
 * its tag names that digest and its layer hashes to its digest. A difference is a lost write.
 */
final class LoadVerifier {

  static final long DELETE_WAIT_MS = 60_000;
  private static final int PARALLEL = 16;

  /** Checks made and writes found lost, with a line for each loss. */
  record Result(long checked, long lost, List<String> losses) {}

  private final LoadTarget t;
  private final AtomicLong checked = new AtomicLong();
  private final ConcurrentLinkedQueue<String> losses = new ConcurrentLinkedQueue<>();
  private long deleteDeadline;

  LoadVerifier(LoadTarget target) {
    this.t = target;
  }

  Result verify(List<Ledger> ledgers) throws InterruptedException {
    deleteDeadline = System.currentTimeMillis() + DELETE_WAIT_MS;
    Semaphore slots = new Semaphore(PARALLEL);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Ledger ledger : ledgers) {
        slots.acquire();
        pool.submit(() -> {
          try (LoadHttp arm = new LoadHttp(t.arm()); LoadHttp registry = new LoadHttp(t.registry())) {
            verifyArm(arm, ledger);
            verifyImages(registry, ledger);
          } catch (IOException | RuntimeException | InterruptedException e) {
            lost(ledger.group + ": verification failed: " + e);
          } finally {
            slots.release();
          }
        });
      }
    }
    List<String> lines = new ArrayList<>(losses);
    return new Result(checked.get(), lines.size(), lines);
  }

  private void verifyArm(LoadHttp arm, Ledger ledger) throws IOException, InterruptedException {
    String group = t.groupsPath() + ledger.group;
    if (!ledger.groupUncertain) {
      expectTags(armGet(arm, group + ArmMix.GROUPS_API), ledger.group, ledger.groupTags, null);
    }
    for (Map.Entry<String, Ledger.Vnet> vnet : ledger.vnets.entrySet()) {
      expectTags(armGet(arm, vnetPath(group, vnet.getKey())), vnet.getKey(), vnet.getValue().tags(),
          vnet.getValue().prefix());
    }
    for (String name : ledger.deletedVnets) {
      expectStatus(armGet(arm, vnetPath(group, name)), 404, "deleted network " + ledger.group + "/" + name);
    }
    for (String name : ledger.deletedGroups) {
      awaitGone(arm, name);
    }
  }

  private void awaitGone(LoadHttp arm, String group) throws IOException, InterruptedException {
    LoadHttp.Response r = armGet(arm, t.groupsPath() + group + ArmMix.GROUPS_API);
    while (r.status() == 200 && System.currentTimeMillis() < deleteDeadline) {
      Thread.sleep(200);
      r = armGet(arm, t.groupsPath() + group + ArmMix.GROUPS_API);
    }
    expectStatus(r, 404, "deleted resource group " + group);
  }

  private void verifyImages(LoadHttp registry, Ledger ledger) throws IOException {
    for (Ledger.Pushed p : ledger.pushed) {
      String where = p.repository() + "@" + p.digest();
      LoadHttp.Response byDigest = manifest(registry, p.repository(), p.digest());
      if (expectStatus(byDigest, 200, where) && !Arrays.equals(byDigest.body(), p.manifest())) {
        lost(where + " answers other bytes than were pushed");
      }
      LoadHttp.Response byTag = manifest(registry, p.repository(), p.tag());
      if (expectStatus(byTag, 200, p.repository() + ":" + p.tag())
          && !byTag.header("Docker-Content-Digest").equals(p.digest())) {
        lost(p.repository() + ":" + p.tag() + " names " + byTag.header("Docker-Content-Digest") + ", pushed " + p.digest());
      }
      LoadHttp.Response layer = blob(registry, p.repository(), p.layer());
      if (expectStatus(layer, 200, p.repository() + " layer " + p.layer())
          && !(layer.body().length == p.layerSize() && RegistryMix.digest(layer.body()).equals(p.layer()))) {
        lost(p.repository() + " layer " + p.layer() + " answers " + layer.body().length + " other bytes");
      }
    }
  }

  private LoadHttp.Response manifest(LoadHttp registry, String repo, String reference) throws IOException {
    return registry.send("GET", "/v2/" + repo + "/manifests/" + reference, t.loginServer(),
        Map.of("Accept", RegistryMix.ACCEPT), null);
  }

  private LoadHttp.Response blob(LoadHttp registry, String repo, String digest) throws IOException {
    LoadHttp.Response r = registry.send("GET", "/v2/" + repo + "/blobs/" + digest, t.loginServer(), Map.of(), null);
    if (r.status() != 307) {
      return r;
    }
    URI to = URI.create(r.header("Location"));
    return registry.send("GET", to.getRawPath() + "?" + to.getRawQuery(), to.getRawAuthority(), Map.of(), null);
  }

  private LoadHttp.Response armGet(LoadHttp arm, String path) throws IOException {
    return arm.send("GET", path, t.armHost(), Map.of(), null);
  }

  private void expectTags(LoadHttp.Response r, String name, Map<String, String> tags, String prefix) {
    if (!expectStatus(r, 200, name)) {
      return;
    }
    JsonNode body = Json.parse(r.text());
    Map<String, String> actual = new TreeMap<>();
    body.path("tags").properties().forEach(e -> actual.put(e.getKey(), e.getValue().asText()));
    if (!actual.equals(new TreeMap<>(tags))) {
      lost(name + " has tags " + actual + ", acknowledged " + tags);
    }
    String actualPrefix = body.path("properties").path("addressSpace").path("addressPrefixes").path(0).asText();
    if (prefix != null && !prefix.equals(actualPrefix)) {
      lost(name + " has address prefix " + actualPrefix + ", acknowledged " + prefix);
    }
  }

  private boolean expectStatus(LoadHttp.Response r, int status, String what) {
    checked.incrementAndGet();
    if (r.status() != status) {
      lost(what + ": answered " + r.status() + ", expected " + status + ": " + r.excerpt());
      return false;
    }
    return true;
  }

  private void lost(String line) {
    losses.add(line);
    if (losses.size() <= LoadStats.PRINTED) {
      System.out.println("LOST " + line);
    }
  }

  private static String vnetPath(String group, String name) {
    return group + "/providers/Microsoft.Network/virtualNetworks/" + name + ArmMix.NETWORK_API;
  }
}
