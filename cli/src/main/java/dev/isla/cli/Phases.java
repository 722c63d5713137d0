package dev.isla.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * Start-up probes: with {@code ISLA_AZ_TIMING=1} each run prints, on stderr, the milliseconds
 * from JVM start to {@code main} and then to each phase (command table, parse, call, print).
 * Off by default; when off it costs one environment lookup and no class loading.
 */
final class Phases {

  private final PrintStream err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private final StringBuilder marks = new StringBuilder();

  Phases(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  void mark(String phase) {
    if (enabled) {
      marks.append(String.format(" %s=%.1f", phase, (System.nanoTime() - start) / 1e6));
    }
  }

  void report() {
    if (enabled) {
      // The management bean loads a few classes; only paid when probing.
      long sinceJvmStart = System.currentTimeMillis()
          - ManagementFactory.getRuntimeMXBean().getStartTime();
      long inRun = (System.nanoTime() - start) / 1_000_000;
      err.printf("TIMING: jvm-to-run=%dms%s (ms since run start)%n", sinceJvmStart - inRun,
          marks);
    }
  }
}
