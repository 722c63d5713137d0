package dev.isla.launcher.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.launcher.crash.CrashLedger.ArmState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety (issue 6): the server as {@code isla up} runs it, in its own process, is killed
 * with {@code kill -9} at a random moment of a mixed workload driven over HTTP by concurrent
 * virtual-thread workers (ARM creates, updates and deletes; blob uploads, monolithic and
 * chunked, and manifest pushes; pull-through fills from the MCR stand-in; an isolated cluster's
 * creation, scaling and deletion), restarted on the same data folder and audited
 * ({@link ArmAudit}, {@link RegistryAudit}) before the next cycle. Every violation is collected
 * and the test fails listing them.
 *
 * <p>{@code ISLA_CRASH_CYCLES} (default 5) sets the number of kills, {@code ISLA_CRASH_SEED}
 * the seed of the kill moments and of the workload's data (printed, to replay a run).
 */
class CrashSafetyIT {

  private static final String FEATURE = "/providers/Microsoft.Features/providers/"
      + "Microsoft.ContainerService/features/NetworkIsolatedClusterPreview";

  @TempDir Path data;
  /** Server logs, kept after the run (target/crash-logs/seed-N). */
  private Path logs;

  private final CrashHttp http = new CrashHttp();
  private final CrashLedger ledger = new CrashLedger();
  private final ArmWrites writes = new ArmWrites(http, ledger);

  @Test
  void everyAcknowledgedWriteSurvivesKillMinusNine() throws Exception {
    int cycles = Integer.parseInt(env("ISLA_CRASH_CYCLES", "5"));
    long seed = Long.parseLong(env("ISLA_CRASH_SEED", String.valueOf(System.nanoTime() % 1_000_000)));
    System.out.println("crash: seed " + seed + ", " + cycles + " cycles (ISLA_CRASH_SEED=" + seed + " replays it)");
    Random random = new Random(seed);
    logs = java.nio.file.Files.createDirectories(Path.of("target", "crash-logs", "seed-" + seed)).toAbsolutePath();
    CrashServer server = new CrashServer(data, logs, Duration.ofMillis(250));
    long started = System.nanoTime();
    try {
      List<String> images = setup(started(server), random);
      Set<Path> leftByCrash = Set.of();
      for (int cycle = 0; cycle < cycles; cycle++) {
        if (cycle > 0) {
          audit(started(server), leftByCrash);
        }
        long killAfter = 300 + random.nextInt(2000);
        workload(server, cycle, seed, images, killAfter);
        leftByCrash = RegistryAudit.tempFiles(data);
        System.out.println("crash: cycle " + cycle + " killed after " + killAfter + " ms, "
            + leftByCrash.size() + " temp files left, last pull " + ledger.pullInFlight + "; " + ledger.summary());
      }
      audit(started(server), leftByCrash);
      System.out.println("crash: " + cycles + " cycles in " + (System.nanoTime() - started) / 1_000_000_000
          + " s, seed " + seed + "; " + ledger.summary());
      assertThat(List.copyOf(ledger.violations)).as("violations (seed %d, logs in %s)", seed, logs).isEmpty();
      theAuditSeesDamage(server);
    } finally {
      server.stop();
    }
  }

  /**
   * The audit can fail: after one more kill, a stored blob loses a byte, a temp file appears
   * where no sweep looks, and the ledger claims a write that never happened; the next audit
   * must report exactly these three.
   */
  private void theAuditSeesDamage(CrashServer server) throws Exception {
    server.kill();
    ledger.violations.clear();
    String digest = ledger.blobs.keySet().iterator().next();
    String hex = digest.substring("sha256:".length());
    Path blob = data.resolve("registry/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex);
    byte[] bytes = java.nio.file.Files.readAllBytes(blob);
    java.nio.file.Files.write(blob, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    Path stray = java.nio.file.Files.createFile(data.resolve(RegistryAudit.TEMP_PREFIX + "canary"));
    String phantom = server.endpoints().sub() + "/resourceGroups/crash-never-written" + ArmWorkload.RG_API;
    ledger.acked(ledger.entry(phantom), ArmState.present("/tags/crash", "never"), java.util.Optional.empty());
    audit(started(server), Set.of(stray));
    List<String> found = List.copyOf(ledger.violations);
    System.out.println("crash: damage done on purpose found as " + found);
    assertThat(found)
        .anySatisfy(v -> assertThat(v).contains("crash-never-written").contains("found absent"))
        .anySatisfy(v -> assertThat(v).contains("temp file left by the crash").contains("canary"))
        .anySatisfy(v -> assertThat(v).contains(digest).contains("GET answered 200 with bytes of digest"))
        .anySatisfy(v -> assertThat(v).contains("stored blob registry/blobs/sha256/" + hex.substring(0, 2)))
        .allSatisfy(v -> assertThat(v).containsAnyOf("crash-never-written", "canary", hex));
  }

  private CrashServer.Endpoints started(CrashServer server) throws Exception {
    long t0 = System.nanoTime();
    CrashServer.Endpoints ep = server.start();
    http.armBase(ep.arm());
    System.out.println("crash: server serving after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    return ep;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** The fixtures every cycle uses: the feature, a registry with a cache rule for MCR, groups. */
  private List<String> setup(CrashServer.Endpoints ep, Random random) throws Exception {
    http.arm("POST", ep.sub() + FEATURE + "/register?api-version=2021-07-01", null);
    for (int i = 0; i < 400 && !http.arm("GET", ep.sub() + FEATURE + "?api-version=2021-07-01", null)
        .text().contains("\"Registered\""); i++) {
      Thread.sleep(25);
    }
    String rg = ep.sub() + "/resourceGroups/crash";
    writes.put(rg + ArmWorkload.RG_API, ArmWorkload.tagged("crash", ""), ArmState.present("/tags/crash", "crash"));
    writes.put(ep.sub() + "/resourceGroups/crash-aks" + ArmWorkload.RG_API, ArmWorkload.tagged("aks", ""),
        ArmState.present("/tags/crash", "aks"));
    String acr = rg + "/providers/Microsoft.ContainerRegistry/registries/crashacr";
    await(writes.put(acr + ArmWorkload.ACR_API, ArmWorkload.tagged("acr", ",\"sku\":{\"name\":\"Premium\"}"),
        ArmState.present("/tags/crash", "acr")));
    await(writes.put(acr + "/cacheRules/mcr-all" + ArmWorkload.ACR_API,
        "{\"properties\":{\"sourceRepository\":\"mcr.microsoft.com/*\",\"targetRepository\":\"mcr/*\"}}",
        ArmState.present("/properties/targetRepository", "mcr/*")));
    List<String> images = new ArrayList<>();
    for (JsonNode repo : Json.parse(http.send("GET", ep.mcr() + "/v2/_catalog", null).text()).path("repositories")) {
      if (!repo.asText().contains("binaries")) {
        JsonNode tags = Json.parse(http.send("GET", ep.mcr() + "/v2/" + repo.asText() + "/tags/list", null).text());
        tags.path("tags").forEach(t -> images.add(repo.asText() + ":" + t.asText()));
      }
    }
    assertThat(images).as("stand-in MCR images").isNotEmpty();
    Collections.shuffle(images, random);
    return images;
  }

  private void await(CrashHttp.Reply r) throws Exception {
    assertThat(r.status()).as(r.text()).isIn(200, 201, 202);
    assertThat(writes.awaitIfRunning(r, Duration.ofSeconds(30))).contains("Succeeded").isPresent();
  }

  private void workload(CrashServer server, int cycle, long seed, List<String> images, long killAfter)
      throws Exception {
    CrashServer.Endpoints ep = server.endpoints();
    RegistryClient registry = new RegistryClient(http, ep.registry(), "crashacr.azurecr.io");
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int worker = w;
      workers.add(worker(stop, () -> new ArmWorkload(writes, ep).run(worker, cycle, stop::get)));
      Random random = new Random(seed * 31 + cycle * 7L + w);
      workers.add(worker(stop, () -> new RegistryWorkload(registry, ledger, random).run(worker, cycle, stop::get)));
    }
    List<String> slice = images.subList((2 * cycle) % images.size(), images.size());
    workers.add(worker(stop, () -> new PullWorkload(registry, ledger, List.copyOf(slice)).run(stop::get)));
    workers.add(worker(stop, () -> new ClusterWorkload(writes, ledger, ep).run(cycle, stop::get)));
    Thread.sleep(killAfter);
    stop.set(true);
    server.kill();
    for (Thread t : workers) {
      if (!t.join(Duration.ofSeconds(40))) {
        ledger.violation("a worker did not notice the dead server in 40 s");
      }
    }
  }

  /** A workload step that throws; an I/O error after the kill is expected, before it a violation. */
  interface Step {
    void run() throws Exception;
  }

  private Thread worker(AtomicBoolean stopped, Step step) {
    return Thread.ofVirtual().start(() -> {
      try {
        step.run();
      } catch (IOException e) {
        if (!stopped.get()) {
          ledger.violation("I/O error while the server was up: " + e);
        }
      } catch (Exception | AssertionError e) {
        ledger.violation("workload step failed: " + e);
      }
    });
  }

  private void audit(CrashServer.Endpoints ep, Set<Path> leftByCrash) throws Exception {
    long t0 = System.nanoTime();
    new ArmAudit(http, writes, ledger).run();
    long t1 = System.nanoTime();
    new RegistryAudit(new RegistryClient(http, ep.registry(), "crashacr.azurecr.io"), ledger, data).run(leftByCrash);
    System.out.println("crash: audit after restart took "
        + TimeUnit.NANOSECONDS.toMillis(t1 - t0) + " ms (ARM) + "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1) + " ms (registry), violations so far " + ledger.violations.size());
  }
}
