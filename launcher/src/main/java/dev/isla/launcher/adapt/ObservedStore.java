package dev.isla.launcher.adapt;

import dev.isla.arm.ResourceId;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link ResourceStore} that counts its transactions, so that the data plane's read-side
 * caches ({@link StoreSnapshot}) know when to read again. Every call is the delegate's; the
 * version moves after each transaction ends (committed or not: a rolled-back one only costs a
 * reload).
 */
public final class ObservedStore implements ResourceStore {

  private final ResourceStore delegate;
  private final AtomicLong version = new AtomicLong();

  public ObservedStore(ResourceStore delegate) {
    this.delegate = delegate;
  }

  /** Increases after every transaction; equal values mean nothing was written in between. */
  public long version() {
    return version.get();
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
    try {
      return delegate.transaction(work);
    } finally {
      version.incrementAndGet();
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
