package dev.isla.registry.storage;

import dev.isla.registry.storage.driver.StorageDriver;
import java.util.List;

/** The repositories of a registry, for the catalog API. */
public final class RepositoryStore {

  private final StorageDriver driver;

  public RepositoryStore(StorageDriver driver) {
    this.driver = driver;
  }

  /** Names of the repositories holding anything, in lexical order. */
  public List<String> list(String registry) {
    return driver.listMetadata("r/" + registry + "/repos").stream()
        .map(folder -> folder.replace('+', '/')).sorted().toList();
  }

  /** Whether the repository holds any manifest or tag. */
  public boolean exists(RepositoryId repository) {
    return !driver.listMetadata(repository.folder() + "/manifests").isEmpty()
        || !driver.listMetadata(repository.folder() + "/tags").isEmpty();
  }
}
