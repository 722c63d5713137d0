package dev.isla.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded concurrent load on a running Isla (found through {@code <data>/isla.json}): N clients
 * on virtual threads, each with its own ARM and registry connection, for S seconds or M
 * operations each, whichever ends first ({@link LoadClient}); then the latency table per kind of
 * operation, the throughput, and the verification pass ({@link LoadVerifier}).
 *
 * <p>{@code LoadDriver --data DIR [--clients N] [--seconds S] [--max-ops M] [--run LABEL]};
 * exit status 0 when no operation failed and no acknowledged write was lost, 1 otherwise.
 * The last line is {@code RESULT key=value …} for scripts ({@code bench/load.sh}).
 */
public final class LoadDriver {

  /**
   * One run's bounds.
   *
   * @param data the instance's data folder
   * @param clients concurrent clients (1 to 2,000)
   * @param seconds how long they run (1 to 600)
   * @param maxOps operations per client at most
   * @param run a label unique in the instance (letters and digits), part of every name created
   */
  public record Settings(Path data, int clients, int seconds, int maxOps, String run) {
    public Settings {
      if (clients < 1 || clients > 2000 || seconds < 1 || seconds > 600 || maxOps < 1) {
        throw new IllegalArgumentException("bounds: 1-2000 clients, 1-600 s, at least 1 operation");
      }
      if (!run.matches("[a-z0-9]{1,20}")) {
        throw new IllegalArgumentException("run label must be 1-20 lower-case letters or digits: " + run);
      }
    }
  }

  /** What a run found. */
  public record Report(long ops, long errors, long checked, long lost, double seconds,
      List<LoadStats.Row> rows, List<String> errorLines, List<String> losses) {}

  private LoadDriver() {}

  public static void main(String[] args) throws Exception {
    Settings settings = parse(args);
    Report report = run(settings);
    System.exit(report.errors() == 0 && report.lost() == 0 ? 0 : 1);
  }

  /** Prepares the run, runs the clients, prints the table, verifies; prints and returns the report. */
  public static Report run(Settings s) throws IOException, InterruptedException {
    JsonNode state = Json.parse(Files.readString(s.data().resolve("isla.json")));
    LoadTarget target = new LoadSetup(s.run(), address(state, "armUrl"),
        state.path("subscriptionId").asText(), address(state, "registryUrl"), address(state, "mcrUrl")).prepare();
    System.out.printf("load run %s: %d clients, %d s, at most %d operations each; registry %s, %d MCR images%n",
        s.run(), s.clients(), s.seconds(), s.maxOps(), target.loginServer(), target.mcrImages().size());
    LoadStats stats = new LoadStats();
    List<LoadClient> clients = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + s.seconds() * 1_000_000_000L;
    for (int i = 0; i < s.clients(); i++) {
      clients.add(new LoadClient(target, i, stats, deadline, s.maxOps()));
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      clients.forEach(pool::submit);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<LoadStats.Row> rows = stats.rows();
    long ops = rows.stream().mapToLong(LoadStats.Row::ops).sum() + stats.errors();
    long retries = clients.stream().mapToLong(LoadClient::retries).sum();
    print(rows, ops, stats.errors(), elapsed, retries);
    LoadVerifier.Result verified = new LoadVerifier(target).verify(clients.stream().map(c -> c.ledger).toList());
    System.out.printf("verification: %d checks, %d lost writes%n", verified.checked(), verified.lost());
    System.out.printf(Locale.ROOT, "RESULT run=%s clients=%d seconds=%.1f ops=%d opsPerSec=%.0f errors=%d checked=%d lost=%d%n",
        s.run(), s.clients(), elapsed, ops, ops / elapsed, stats.errors(), verified.checked(), verified.lost());
    return new Report(ops, stats.errors(), verified.checked(), verified.lost(), elapsed, rows,
        stats.errorLines(), verified.losses());
  }

  private static void print(List<LoadStats.Row> rows, long ops, long errors, double elapsed, long retries) {
    System.out.printf("%-22s %9s %7s %9s %9s %9s %9s%n", "kind", "ops", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for (LoadStats.Row r : rows) {
      System.out.printf(Locale.ROOT, "%-22s %9d %7d %9.2f %9.2f %9.2f %9.2f%n", r.kind(), r.ops(), r.errors(),
          r.p50() / 1000.0, r.p95() / 1000.0, r.p99() / 1000.0, r.max() / 1000.0);
    }
    System.out.printf(Locale.ROOT, "total: %d operations in %.1f s = %.0f ops/s; %d errors; %d requests resent on a fresh connection%n",
        ops, elapsed, ops / elapsed, errors, retries);
  }

  private static InetSocketAddress address(JsonNode state, String field) {
    URI uri = URI.create(state.path(field).asText());
    if (uri.getHost() == null || !uri.getHost().startsWith("127.")) {
      throw new IllegalArgumentException(field + " is not a loopback URL: " + uri);
    }
    return new InetSocketAddress(uri.getHost(), uri.getPort());
  }

  static Settings parse(String[] args) {
    Path data = null;
    int clients = 200;
    int seconds = 60;
    int maxOps = 1_000_000;
    String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--data" -> data = Path.of(value);
        case "--clients" -> clients = Integer.parseInt(value);
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--max-ops" -> maxOps = Integer.parseInt(value);
        case "--run" -> run = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (data == null || args.length % 2 != 0) {
      throw new IllegalArgumentException("usage: LoadDriver --data DIR [--clients N] [--seconds S] [--max-ops M] [--run LABEL]");
    }
    return new Settings(data, clients, seconds, maxOps, run);
  }
}
