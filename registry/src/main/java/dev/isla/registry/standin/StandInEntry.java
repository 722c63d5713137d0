package dev.isla.registry.standin;

import dev.isla.registry.oci.RepositoryName;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the stand-in's content table: a repository, the version it holds, whether it is a
 * container image or an ORAS artifact, the architectures and the executables its one layer
 * carries.
 *
 * <p>An image is one tag ({@code version}) pointing at an OCI index with one image manifest per
 * architecture (or at the image manifest itself when there is one architecture). An artifact is
 * one tag per architecture, {@code <version>-linux-<arch>}, as MCR publishes the Kubernetes
 * binaries; its layer is the file {@code layerTitle} (with {@code {arch}} replaced).
 *
 * @param executables paths inside the layer ({@code usr/local/bin/pause}); each becomes a shell
 *     script that prints what it stands in for
 */
public record StandInEntry(String repository, String version, Kind kind,
    List<String> architectures, List<String> executables, Optional<String> layerTitle) {

  /** The architectures the stand-in builds (MCR's Linux set for AKS nodes). */
  public static final Set<String> ARCHITECTURES = Set.of("amd64", "arm64");

  /** What a row becomes. */
  public enum Kind { IMAGE, ARTIFACT }

  public StandInEntry {
    RepositoryName.parse(repository);
    architectures = List.copyOf(architectures);
    executables = List.copyOf(executables);
    if (architectures.isEmpty() || !ARCHITECTURES.containsAll(architectures)) {
      throw new IllegalArgumentException("unsupported architectures for " + repository + ": "
          + architectures);
    }
    if (layerTitle.isPresent() != (kind == Kind.ARTIFACT)) {
      throw new IllegalArgumentException("an artifact, and only an artifact, has a layer title: "
          + repository);
    }
    if (!version.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}")) {
      throw new IllegalArgumentException("invalid version for " + repository + ": " + version);
    }
  }

  /** A multi-architecture image whose single executable is {@code usr/local/bin/<last segment>}. */
  public static StandInEntry image(String repository, String version) {
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    return new StandInEntry(repository, version, Kind.IMAGE, List.of("amd64", "arm64"),
        List.of("usr/local/bin/" + name), Optional.empty());
  }

  /** A per-architecture ORAS artifact (one tar.gz file named {@code layerTitle}). */
  public static StandInEntry artifact(String repository, String version, String layerTitle,
      List<String> executables) {
    return new StandInEntry(repository, version, Kind.ARTIFACT, List.of("amd64", "arm64"),
        executables, Optional.of(layerTitle));
  }

  /** The tags this row publishes. */
  public List<String> tags() {
    return kind == Kind.IMAGE ? List.of(version)
        : architectures.stream().map(this::artifactTag).toList();
  }

  /** The artifact tag of one architecture: {@code <version>-linux-<arch>}. */
  public String artifactTag(String architecture) {
    return version + "-linux-" + architecture;
  }

  /** The layer's file name for {@code architecture} (artifacts only). */
  public Optional<String> layerTitle(String architecture) {
    return layerTitle.map(title -> title.replace("{arch}", architecture));
  }
}
