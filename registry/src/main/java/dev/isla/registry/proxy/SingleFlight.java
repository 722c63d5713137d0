package dev.isla.registry.proxy;

import dev.isla.registry.api.RegistryException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Coalesces concurrent calls with the same key into one: the first caller runs the work, the
 * others wait for its result (or its exception). Used for upstream manifest requests.
 */
final class SingleFlight<K, V> {

  private final Map<K, CompletableFuture<V>> calls = new ConcurrentHashMap<>();

  V run(K key, Supplier<V> work) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = calls.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? rethrown(r) : e;
      }
    }
    try {
      V value = work.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      calls.remove(key, mine);
    }
  }

  /** A copy for this thread, so each waiter's stack trace is its own. */
  private static RuntimeException rethrown(RuntimeException e) {
    return e instanceof RegistryException r
        ? new RegistryException(r.code(), r.detail(), r.headers()) : e;
  }
}
