package dev.isla.cli.arm;

import java.io.PrintStream;

/** az's "Running .." spinner on stderr, shown only when stderr is a terminal. */
public final class Progress {

  private static final String FRAMES = "|/-\\";
  private final PrintStream err;
  private final boolean enabled;
  private int frame;
  private boolean shown;

  public Progress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Advances the spinner one frame. */
  public void tick() {
    if (enabled) {
      err.print("\r" + FRAMES.charAt(frame++ % FRAMES.length()) + " Running ..");
      err.flush();
      shown = true;
    }
  }

  /** Erases the spinner line, if it was drawn. */
  public void clear() {
    if (shown) {
      err.print("\r              \r");
      err.flush();
      shown = false;
    }
  }
}
