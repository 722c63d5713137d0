package dev.isla.controlplane.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** In-memory {@link ResourceStore} for tests: one lock, staged writes applied at commit. */
public final class MemoryResourceStore implements ResourceStore {

  private final ReentrantLock lock = new ReentrantLock();
  private final TreeMap<String, StoredResource> data = new TreeMap<>();
  private final Clock clock;

  public MemoryResourceStore() {
    this(Clock.systemUTC());
  }

  public MemoryResourceStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<StoredResource> get(ResourceId id) {
    lock.lock();
    try {
      return Optional.ofNullable(data.get(id.key()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<StoredResource> list(ResourceQuery query) {
    lock.lock();
    try {
      return filter(data, query);
    } finally {
      lock.unlock();
    }
  }

  static List<StoredResource> filter(Map<String, StoredResource> view, ResourceQuery query) {
    List<StoredResource> out = new ArrayList<>();
    for (StoredResource r : view.values()) {
      if (query.type().isPresent() && !query.type().get().equals(r.type())) {
        continue;
      }
      if (query.parent().isPresent()
          && !r.id().parent().map(p -> p.key().equals(query.parent().get().key())).orElse(false)) {
        continue;
      }
      if (query.under().isPresent() && !query.under().get().contains(r.id())) {
        continue;
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public <T> T transaction(Function<Transaction, T> work) {
    lock.lock();
    try {
      TreeMap<String, StoredResource> staged = new TreeMap<>(data);
      T result = work.apply(new Transaction() {
        @Override
        public Optional<StoredResource> get(ResourceId id) {
          return Optional.ofNullable(staged.get(id.key()));
        }

        @Override
        public List<StoredResource> list(ResourceQuery query) {
          return filter(staged, query);
        }

        @Override
        public StoredResource put(ResourceId id, String type, ObjectNode body) {
          Instant now = clock.instant();
          StoredResource old = staged.get(id.key());
          StoredResource r = new StoredResource(old == null ? id : old.id(), type, body,
              "\"" + UUID.randomUUID() + "\"", old == null ? now : old.createdAt(), now);
          staged.put(id.key(), r);
          return r;
        }

        @Override
        public boolean delete(ResourceId id) {
          return staged.remove(id.key()) != null;
        }
      });
      data.clear();
      data.putAll(staged);
      return result;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {}
}
