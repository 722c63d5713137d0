package dev.isla.controlplane.arm;

import dev.isla.arm.ResourceId;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Optional;

/**
 * Read access to resources, either committed ({@link #of(ResourceStore)}) or as a running
 * transaction sees them ({@link #of(ResourceStore.Transaction)}). Views of derived properties
 * read through it, so that the answer to a write shows what that write's own transaction did
 * (a virtual network's inline subnets, a private endpoint's network interface) before it commits.
 */
public interface ResourceReader {

  Optional<StoredResource> get(ResourceId id);

  /** Resources matching the query, ordered by id. */
  List<StoredResource> list(ResourceQuery query);

  static ResourceReader of(ResourceStore store) {
    return new ResourceReader() {
      @Override
      public Optional<StoredResource> get(ResourceId id) {
        return store.get(id);
      }

      @Override
      public List<StoredResource> list(ResourceQuery query) {
        return store.list(query);
      }
    };
  }

  static ResourceReader of(ResourceStore.Transaction tx) {
    return new ResourceReader() {
      @Override
      public Optional<StoredResource> get(ResourceId id) {
        return tx.get(id);
      }

      @Override
      public List<StoredResource> list(ResourceQuery query) {
        return tx.list(query);
      }
    };
  }
}
