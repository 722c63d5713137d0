package dev.isla.launcher.adapt;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A value computed from the store and kept until the next write it depends on (of one of its
 * resource types, or of anything when none are named): the adapters' cache. Reads that race
 * with a write see either the old or the new value, never a mix; the version is taken before
 * loading, so a write during the load makes the next read load again, and a read that starts
 * after a write was acknowledged sees it.
 *
 * <p>One load at a time: readers that find the value stale while another reader loads wait for
 * that load and take its value when it started after their own look at the version (it then
 * holds every write they could have seen); otherwise they load again themselves. Under load,
 * a hundred registry requests arriving after one ARM write used to load the whole topology a
 * hundred times at once.
 *
 * @param <T> the computed value, immutable
 */
final class StoreSnapshot<T> {

  private record Cached<T>(long version, T value) {}

  private final ObservedStore store;
  private final Optional<Set<String>> types;
  private final Supplier<T> load;
  private final ReentrantLock loading = new ReentrantLock();
  private final AtomicLong loads = new AtomicLong();
  private volatile Cached<T> cached;

  /** A value depending on every resource in the store. */
  StoreSnapshot(ObservedStore store, Supplier<T> load) {
    this(store, Optional.empty(), load);
  }

  /** A value depending only on resources of {@code types} (lower-cased full type names). */
  StoreSnapshot(ObservedStore store, Set<String> types, Supplier<T> load) {
    this(store, Optional.of(Set.copyOf(types)), load);
  }

  private StoreSnapshot(ObservedStore store, Optional<Set<String>> types, Supplier<T> load) {
    this.store = store;
    this.types = types;
    this.load = load;
  }

  T get() {
    long wanted = version();
    Cached<T> c = cached;
    if (c != null && c.version() >= wanted) {
      return c.value();
    }
    loading.lock();
    try {
      c = cached;
      if (c == null || c.version() < wanted) {
        long version = version();
        c = new Cached<>(version, load.get());
        loads.incrementAndGet();
        cached = c;
      }
      return c.value();
    } finally {
      loading.unlock();
    }
  }

  /** How many times the value was computed (for tests). */
  long loads() {
    return loads.get();
  }

  private long version() {
    return types.map(store::version).orElseGet(store::version);
  }
}
