package dev.isla.controlplane.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A {@link ResourceStore} in memory, for tests; it keeps the full contract except durability
 * (nothing survives the process).
 *
 * <p>Committed state is an immutable sorted map that readers use without locking. A transaction
 * holds the one write lock, works on a private copy of that map (so it sees its own writes and
 * nobody else does) and publishes the copy when {@code work} returns; an exception discards it.
 * Each transaction therefore costs a copy of the map's entries — fine for test-sized state.
 */
public final class MemoryResourceStore implements ResourceStore {

  private final Clock clock;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile NavigableMap<String, StoredResource> committed = Collections.emptyNavigableMap();
  private volatile boolean closed;

  /** A store stamping times from the system clock. */
  public MemoryResourceStore() {
    this(Clock.systemUTC());
  }

  /** A store stamping {@code createdAt} / {@code changedAt} from {@code clock}. */
  public MemoryResourceStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Optional<StoredResource> get(ResourceId id) {
    ensureOpen();
    return Optional.ofNullable(committed.get(id.key()));
  }

  @Override
  public List<StoredResource> list(ResourceQuery query) {
    ensureOpen();
    return select(committed, query);
  }

  @Override
  public <T> T transaction(Function<Transaction, T> work) {
    Objects.requireNonNull(work);
    writeLock.lock();
    try {
      ensureOpen();
      if (writeLock.getHoldCount() > 1) {
        throw new IllegalStateException("transactions don't nest");
      }
      Staged staged = new Staged(new TreeMap<>(committed));
      try {
        T result = work.apply(staged);
        committed = Collections.unmodifiableNavigableMap(staged.view);
        return result;
      } finally {
        staged.ended = true;
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the resource store is closed");
    }
  }

  private static List<StoredResource> select(
      NavigableMap<String, StoredResource> map, ResourceQuery query) {
    return map.values().stream().filter(r -> query.matches(r.id(), r.type())).toList();
  }

  /** One transaction's private copy of the committed map. */
  private final class Staged implements Transaction {

    private final NavigableMap<String, StoredResource> view;
    private boolean ended;

    Staged(NavigableMap<String, StoredResource> view) {
      this.view = view;
    }

    @Override
    public Optional<StoredResource> get(ResourceId id) {
      ensureRunning();
      return Optional.ofNullable(view.get(id.key()));
    }

    @Override
    public List<StoredResource> list(ResourceQuery query) {
      ensureRunning();
      return select(view, query);
    }

    @Override
    public StoredResource put(ResourceId id, String type, ObjectNode body) {
      ensureRunning();
      Instant now = Writes.now(clock);
      StoredResource first = view.get(id.key());
      StoredResource stored = new StoredResource(
          first == null ? id : first.id(),
          type.toLowerCase(Locale.ROOT),
          Writes.normalize(body),
          Writes.newEtag(),
          first == null ? now : first.createdAt(),
          now);
      view.put(id.key(), stored);
      return stored;
    }

    @Override
    public boolean delete(ResourceId id) {
      ensureRunning();
      return view.remove(id.key()) != null;
    }

    private void ensureRunning() {
      if (ended) {
        throw new IllegalStateException("the transaction has ended");
      }
    }
  }
}
