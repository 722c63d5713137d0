package dev.isla.registry.oci;

import java.util.List;
import java.util.Set;

/** The manifest media types the registry knows by name (image-spec, Docker image v2.2). */
public final class MediaTypes {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /** Every type the registry asks an upstream for, so it gets what the upstream stores. */
  public static final List<String> ALL_MANIFESTS =
      List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);

  private MediaTypes() {}

  /** Whether {@code mediaType} lists other manifests (an OCI index or a Docker list). */
  public static boolean isIndex(String mediaType) {
    return INDEXES.contains(bare(mediaType));
  }

  /** The type without parameters ({@code ; charset=...}), trimmed. */
  public static String bare(String mediaType) {
    int semicolon = mediaType.indexOf(';');
    return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim();
  }
}
