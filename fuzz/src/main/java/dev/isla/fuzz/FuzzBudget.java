package dev.isla.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * Ends a {@link Fuzz} property once its time budget is spent. The budget is
 * {@code ISLA_FUZZ_SECONDS} (environment) or {@code -Disla.fuzz.seconds}, else
 * {@link #DEFAULT_SECONDS}; it bounds the generating phase, not the shrinking of a failure. Each
 * property prints one line {@code fuzz <class>.<method>: <tries> tries in <seconds> s}, the
 * figures docs/RELIABILITY.md quotes.
 */
public final class FuzzBudget implements AroundTryHook, AroundPropertyHook {

  /** Seconds per property in the normal test run. */
  public static final double DEFAULT_SECONDS = 3;

  /** A ceiling the budget, not the count, is meant to reach. */
  public static final int MAX_TRIES = 100_000_000;

  /** The generators' seed (see {@link Fuzz}). */
  public static final String SEED = "20261128";

  /**
   * Tries at most in the normal run (no {@code ISLA_FUZZ_SECONDS}): with the fixed seed, the
   * same inputs on every machine, however fast.
   */
  public static final long NORMAL_TRIES = 2_000;

  private static boolean longRun() {
    return Optional.ofNullable(System.getenv("ISLA_FUZZ_SECONDS"))
        .or(() -> Optional.ofNullable(System.getProperty("isla.fuzz.seconds")))
        .filter(s -> !s.isBlank())
        .isPresent();
  }

  /** The budget of one property. */
  public static Duration seconds() {
    String text = Optional.ofNullable(System.getenv("ISLA_FUZZ_SECONDS"))
        .or(() -> Optional.ofNullable(System.getProperty("isla.fuzz.seconds")))
        .filter(s -> !s.isBlank())
        .orElse(Double.toString(DEFAULT_SECONDS));
    return Duration.ofMillis(Math.round(Double.parseDouble(text.trim()) * 1000));
  }

  @Override
  public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor executor,
      List<Object> parameters) {
    Store<Long> deadline = Store.getOrCreate(FuzzBudget.class, Lifespan.PROPERTY,
        () -> System.nanoTime() + seconds().toNanos());
    Store<Long> tries = Store.getOrCreate(FuzzBudget.class.getName() + ".tries", Lifespan.PROPERTY,
        () -> 0L);
    if (System.nanoTime() > deadline.get() || (!longRun() && tries.get() >= NORMAL_TRIES)) {
      return TryExecutionResult.satisfied(true);
    }
    tries.update(n -> n + 1);
    return executor.execute(parameters);
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context,
      PropertyExecutor property) {
    long start = System.nanoTime();
    PropertyExecutionResult result = property.execute();
    System.out.printf("fuzz %s.%s: %d tries in %.1f s%n",
        context.containerClass().getSimpleName(), context.targetMethod().getName(),
        result.countTries(), (System.nanoTime() - start) / 1e9);
    return result;
  }

  @Override
  public int aroundTryProximity() {
    // Outermost, so that no other hook's work is timed against the budget twice.
    return -100;
  }
}
