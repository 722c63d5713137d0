package dev.isla.registry.storage;

import dev.isla.registry.oci.Digest;

/**
 * A manifest as pushed: its exact bytes, the {@code Content-Type} it was pushed with and its
 * digest. {@code fromUpstream} marks one just fetched through a cache rule.
 */
public record StoredManifest(Digest digest, String contentType, byte[] bytes,
    boolean fromUpstream) {

  public StoredManifest withUpstream() {
    return new StoredManifest(digest, contentType, bytes, true);
  }
}
