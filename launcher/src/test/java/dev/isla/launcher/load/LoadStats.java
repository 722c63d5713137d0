package dev.isla.launcher.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load clients observed: every operation's latency by kind (one {@link Recorder} per
 * client, merged at the end), and every error with a line saying what was expected and what came.
 * Errors are printed as they happen, up to {@link #PRINTED} of them; all are counted.
 */
final class LoadStats {

  static final int PRINTED = 50;

  private final List<Recorder> recorders = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private final AtomicLong errorCount = new AtomicLong();

  /** A latency per kind of operation, in microseconds, with its per-kind error count. */
  record Row(String kind, int ops, long errors, long p50, long p95, long p99, long max) {}

  /** One client's latencies; only its client writes to it. */
  static final class Recorder {
    private final Map<String, long[]> samples = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();

    void record(String kind, long nanos) {
      long[] s = samples.computeIfAbsent(kind, k -> new long[64]);
      int n = counts.getOrDefault(kind, 0);
      if (n == s.length) {
        s = Arrays.copyOf(s, n * 2);
        samples.put(kind, s);
      }
      s[n] = nanos / 1000;
      counts.put(kind, n + 1);
    }

    void error(String kind) {
      errors.merge(kind, 1L, Long::sum);
    }
  }

  synchronized Recorder recorder() {
    Recorder r = new Recorder();
    recorders.add(r);
    return r;
  }

  /** An error: counted, kept, and printed while fewer than {@link #PRINTED} were. */
  void error(Recorder recorder, String kind, String line) {
    recorder.error(kind);
    long n = errorCount.incrementAndGet();
    errors.add(kind + ": " + line);
    if (n <= PRINTED) {
      System.out.println("ERROR " + kind + ": " + line);
    }
  }

  long errors() {
    return errorCount.get();
  }

  List<String> errorLines() {
    return List.copyOf(errors);
  }

  /** Per kind, sorted by name, after every client finished. */
  synchronized List<Row> rows() {
    Map<String, long[]> merged = new TreeMap<>();
    Map<String, Long> errs = new TreeMap<>();
    for (Recorder r : recorders) {
      r.counts.forEach((kind, n) -> merged.merge(kind, Arrays.copyOf(r.samples.get(kind), n), LoadStats::concat));
      r.errors.forEach((kind, n) -> errs.merge(kind, n, Long::sum));
    }
    errs.keySet().forEach(k -> merged.putIfAbsent(k, new long[0]));
    List<Row> rows = new ArrayList<>();
    merged.forEach((kind, s) -> {
      Arrays.sort(s);
      rows.add(new Row(kind, s.length, errs.getOrDefault(kind, 0L),
          percentile(s, 50), percentile(s, 95), percentile(s, 99), s.length == 0 ? 0 : s[s.length - 1]));
    });
    return rows;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** Nearest-rank percentile of sorted samples; 0 when there are none. */
  static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
