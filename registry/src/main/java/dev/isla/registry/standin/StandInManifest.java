package dev.isla.registry.standin;

import dev.isla.registry.oci.Digest;

/**
 * A manifest of the stand-in as served: its media type ({@code Content-Type}), digest and exact
 * bytes (an OCI index, image manifest or artifact manifest).
 */
public record StandInManifest(String mediaType, Digest digest, byte[] bytes) {

  public StandInManifest {
    bytes = bytes.clone();
    if (!Digest.sha256(bytes).equals(digest)) {
      throw new IllegalArgumentException("manifest bytes do not match " + digest);
    }
  }

  static StandInManifest of(String mediaType, byte[] bytes) {
    return new StandInManifest(mediaType, Digest.sha256(bytes), bytes);
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }
}
