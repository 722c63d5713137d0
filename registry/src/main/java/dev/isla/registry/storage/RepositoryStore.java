package dev.isla.registry.storage;

import dev.isla.registry.storage.driver.StorageDriver;
import java.util.List;

/** The repositories of a registry, for the catalog API. */
public final class RepositoryStore {

  private final StorageDriver driver;

  public RepositoryStore(StorageDriver driver) {
    this.driver = driver;
  }

  /**
   * Names of the repositories holding a manifest or a tag, in lexical order: one holding only
   * blobs (a push under way, or all its images deleted) is not listed, as its tag list is
   * {@code NAME_UNKNOWN} too.
   */
  public List<String> list(String registry) {
    String repos = "r/" + registry + "/repos/";
    return driver.listMetadata("r/" + registry + "/repos").stream()
        .filter(folder -> holdsImages(repos + folder))
        .map(folder -> folder.replace('+', '/')).sorted().toList();
  }

  /** Whether the repository holds any manifest or tag. */
  public boolean exists(RepositoryId repository) {
    return holdsImages(repository.folder());
  }

  private boolean holdsImages(String folder) {
    return !driver.listMetadata(folder + "/manifests").isEmpty()
        || !driver.listMetadata(folder + "/tags").isEmpty();
  }
}
