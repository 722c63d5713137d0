package dev.isla.controlplane.store;

class MemoryResourceStoreTest extends ResourceStoreContract {

  @Override
  protected ResourceStore createStore(MutableClock clock) {
    return new MemoryResourceStore(clock);
  }
}
