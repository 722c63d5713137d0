package dev.isla.launcher.adapt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link ResourceStore} that counts its transactions, so that the data plane's read-side
 * caches ({@link StoreSnapshot}) know when to read again. Every call is the delegate's; the
 * version moves after each transaction ends (committed or not: a rolled-back one only costs a
 * reload), before the transaction's caller sees its result.
 *
 * <p>Besides the version of the whole store, it keeps one per resource type written, so that a
 * cache depending on a few types (the registry catalog: registries, cache rules, private
 * endpoints) is not read again for every write elsewhere (a tag on a resource group, a virtual
 * network): under load, those reloads were the registry's main cost.
 */
public final class ObservedStore implements ResourceStore {

  private final ResourceStore delegate;
  private final AtomicLong version = new AtomicLong();
  private final ConcurrentHashMap<String, AtomicLong> byType = new ConcurrentHashMap<>();

  public ObservedStore(ResourceStore delegate) {
    this.delegate = delegate;
  }

  /** Increases after every transaction; equal values mean nothing was written in between. */
  public long version() {
    return version.get();
  }

  /**
   * A number that increases after every transaction that wrote (created, replaced or deleted) a
   * resource of one of {@code types} (lower-cased full type names, as {@link Transaction#put}
   * takes them); equal values mean no such write happened in between.
   */
  public long version(Set<String> types) {
    long sum = 0;
    for (String type : types) {
      AtomicLong v = byType.get(type);
      sum += v == null ? 0 : v.get();
    }
    return sum;
  }

  @Override
  public Optional<StoredResource> get(ResourceId id) {
    return delegate.get(id);
  }

  @Override
  public List<StoredResource> list(ResourceQuery query) {
    return delegate.list(query);
  }

  @Override
  public <T> T transaction(Function<Transaction, T> work) {
    Set<String> written = ConcurrentHashMap.newKeySet();
    try {
      return delegate.transaction(t -> work.apply(new Recording(t, written)));
    } finally {
      written.forEach(type -> byType.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet());
      version.incrementAndGet();
    }
  }

  /** The delegate's transaction, noting the type of every resource it writes. */
  private record Recording(Transaction delegate, Set<String> written) implements Transaction {

    @Override
    public Optional<StoredResource> get(ResourceId id) {
      return delegate.get(id);
    }

    @Override
    public List<StoredResource> list(ResourceQuery query) {
      return delegate.list(query);
    }

    @Override
    public StoredResource put(ResourceId id, String type, ObjectNode body) {
      StoredResource stored = delegate.put(id, type, body);
      written.add(stored.type());
      written.add(type);
      return stored;
    }

    @Override
    public boolean delete(ResourceId id) {
      delegate.get(id).ifPresent(r -> written.add(r.type()));
      return delegate.delete(id);
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
