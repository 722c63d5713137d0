package dev.isla.registry.storage;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.StorageDriver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much storage a registry uses, as ACR's usage report counts it: the bytes of every blob and
 * manifest linked into any of its repositories, a digest shared by several repositories counted
 * once. Upload sessions in progress are not counted. Costs one listing per repository.
 */
public final class StorageUsage {

  private static final List<String> LINKS = List.of("blobs", "manifests");

  private final StorageDriver driver;

  public StorageUsage(StorageDriver driver) {
    this.driver = driver;
  }

  /** Bytes stored for the registry with storage key {@code registry} (0 when it holds none). */
  public long bytes(String registry) {
    String repos = "r/" + registry + "/repos";
    Set<Digest> digests = new HashSet<>();
    for (String repository : driver.listMetadata(repos)) {
      for (String kind : LINKS) {
        driver.listMetadata(repos + "/" + repository + "/" + kind).stream()
            .filter(Digest::isDigest).map(Digest::parse).forEach(digests::add);
      }
    }
    return digests.stream().mapToLong(d -> driver.blobSize(d).orElse(0)).sum();
  }
}
