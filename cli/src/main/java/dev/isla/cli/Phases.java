package dev.isla.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up probes: with {@code ISLA_AZ_TIMING=1} each run prints, on stderr, the milliseconds
 * from JVM start to {@code main} and then to each phase (command table, parse, call, print).
 * Off by default; when off it costs one environment lookup and no class loading.
 */
final class Phases {

  private final PrintStream err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private final List<String> names = new ArrayList<>();
  private final List<Long> times = new ArrayList<>();

  Phases(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  void mark(String phase) {
    // Only the clock here: formatting (locale data) would be charged to the next phase.
    if (enabled) {
      names.add(phase);
      times.add(System.nanoTime());
    }
  }

  void report() {
    if (enabled) {
      // The management bean loads a few classes; only paid when probing.
      long sinceJvmStart = System.currentTimeMillis()
          - ManagementFactory.getRuntimeMXBean().getStartTime();
      long inRun = (System.nanoTime() - start) / 1_000_000;
      StringBuilder marks = new StringBuilder();
      for (int i = 0; i < names.size(); i++) {
        marks.append(String.format(" %s=%.1f", names.get(i), (times.get(i) - start) / 1e6));
      }
      err.printf("TIMING: jvm-to-run=%dms%s (ms since run start)%n", sinceJvmStart - inRun,
          marks);
    }
  }
}
