package dev.isla.launcher.adapt;

import java.util.function.Supplier;

/**
 * A value computed from the store and kept until the store's next write: the adapters' cache.
 * Reads that race with a write see either the old or the new value, never a mix; the version is
 * taken before loading, so a write during the load makes the next read load again.
 *
 * @param <T> the computed value, immutable
 */
final class StoreSnapshot<T> {

  private record Cached<T>(long version, T value) {}

  private final ObservedStore store;
  private final Supplier<T> load;
  private volatile Cached<T> cached;

  StoreSnapshot(ObservedStore store, Supplier<T> load) {
    this.store = store;
    this.load = load;
  }

  T get() {
    long version = store.version();
    Cached<T> c = cached;
    if (c == null || c.version() != version) {
      c = new Cached<>(version, load.get());
      cached = c;
    }
    return c.value();
  }
}
