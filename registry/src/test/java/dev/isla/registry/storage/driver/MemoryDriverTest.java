package dev.isla.registry.storage.driver;

class MemoryDriverTest extends StorageDriverContract {

  @Override
  StorageDriver driver() {
    return new MemoryDriver();
  }
}
