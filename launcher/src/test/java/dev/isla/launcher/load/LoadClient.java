package dev.isla.launcher.load;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * One simulated client: its own ARM connection and registry connection, its own resource group
 * and repository, and a seeded random mix of ARM and registry operations ({@link ArmMix},
 * {@link RegistryMix}) until its deadline or operation count runs out. Every answer is checked:
 * a status outside the operation's expected set, a transport failure, or content that differs
 * from what this client wrote before (it is the only writer of its resources) is an error.
 */
final class LoadClient implements Runnable {

  final LoadTarget target;
  final int id;
  final Ledger ledger;
  final Random random;
  final LoadHttp arm;
  final LoadHttp registry;
  private final LoadStats stats;
  private final LoadStats.Recorder recorder;
  private final long deadlineNanos;
  private final int maxOps;
  private int ops;
  private int seq;

  LoadClient(LoadTarget target, int id, LoadStats stats, long deadlineNanos, int maxOps) {
    this.target = target;
    this.id = id;
    this.ledger = new Ledger("load-" + target.run() + "-c" + id);
    this.random = new Random(31L * id + target.run().hashCode());
    this.arm = new LoadHttp(target.arm());
    this.registry = new LoadHttp(target.registry());
    this.stats = stats;
    this.recorder = stats.recorder();
    this.deadlineNanos = deadlineNanos;
    this.maxOps = maxOps;
  }

  @Override
  public void run() {
    ArmMix armMix = new ArmMix(this);
    RegistryMix registryMix = new RegistryMix(this);
    try {
      armMix.createGroup();
      while (System.nanoTime() < deadlineNanos && ops < maxOps) {
        if (random.nextBoolean()) {
          armMix.step();
        } else {
          registryMix.step();
        }
      }
    } catch (RuntimeException e) {
      stats.error(recorder, "client", "client " + id + " stopped: " + e);
    } finally {
      arm.close();
      registry.close();
    }
  }

  /** A number unique within this client, for names, tags and contents. */
  int next() {
    return ++seq;
  }

  /**
   * One request, timed; empty (and an error recorded) when it failed or answered a status
   * outside {@code expected}.
   */
  Optional<LoadHttp.Response> call(String kind, LoadHttp http, String method, String target,
      String host, Map<String, String> headers, byte[] body, Set<Integer> expected) {
    ops++;
    long start = System.nanoTime();
    LoadHttp.Response r;
    try {
      r = http.send(method, target, host, headers, body);
    } catch (IOException | RuntimeException e) {
      http.close();
      stats.error(recorder, kind, method + " " + target + " (Host " + host + "): " + e);
      return Optional.empty();
    }
    recorder.record(kind, System.nanoTime() - start);
    if (!expected.contains(r.status())) {
      stats.error(recorder, kind, method + " " + target + " (Host " + host + ") answered "
          + r.status() + ", expected " + expected + ": " + r.excerpt());
      return Optional.empty();
    }
    return Optional.of(r);
  }

  /** An answer with an expected status whose content is not what this client wrote. */
  void mismatch(String kind, String what) {
    stats.error(recorder, kind, "client " + id + ": " + what);
  }

  long retries() {
    return arm.retries() + registry.retries();
  }
}
