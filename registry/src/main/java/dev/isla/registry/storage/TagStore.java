package dev.isla.registry.storage;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.StorageDriver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Tags per repository: the only mutable names; each points at one manifest digest. */
public final class TagStore {

  private final StorageDriver driver;

  public TagStore(StorageDriver driver) {
    this.driver = driver;
  }

  public Optional<Digest> resolve(RepositoryId repository, String tag) {
    return driver.readMetadata(key(repository, tag))
        .map(bytes -> Digest.parse(new String(bytes, StandardCharsets.UTF_8)));
  }

  /** Points {@code tag} at {@code digest} (replacing what it pointed at). */
  public void tag(RepositoryId repository, String tag, Digest digest) {
    driver.writeMetadata(key(repository, tag), digest.toString().getBytes(StandardCharsets.UTF_8));
  }

  public boolean untag(RepositoryId repository, String tag) {
    return driver.deleteMetadata(key(repository, tag));
  }

  /** The repository's tags in lexical order. */
  public List<String> list(RepositoryId repository) {
    return driver.listMetadata(repository.folder() + "/tags");
  }

  /** Removes every tag pointing at {@code digest}. */
  public void untagDigest(RepositoryId repository, Digest digest) {
    for (String tag : list(repository)) {
      if (resolve(repository, tag).filter(digest::equals).isPresent()) {
        untag(repository, tag);
      }
    }
  }

  private static String key(RepositoryId repository, String tag) {
    return repository.folder() + "/tags/" + tag;
  }
}
