package dev.isla.registry.api;

import dev.isla.registry.oci.Descriptor;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.ManifestSummary;
import dev.isla.registry.storage.StoredManifest;
import java.util.Optional;

/** Platform selection for clients that cannot take an index. */
final class Accepts {

  private Accepts() {}

  /** The linux/amd64 entry of an index, as Distribution picks it for such clients. */
  static Optional<Digest> defaultPlatform(StoredManifest index) {
    try {
      return ManifestSummary.parse(index.bytes()).manifests().stream()
          .filter(d -> d.platformOs().orElse("").equals("linux")
              && d.platformArchitecture().orElse("").equals("amd64"))
          .map(Descriptor::digest).findFirst();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
