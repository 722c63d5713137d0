package dev.isla.launcher.adapt;

import dev.isla.nodes.boot.BootArtifacts;
import dev.isla.nodes.boot.ImageRef;
import dev.isla.registry.standin.StandInEntry;
import dev.isla.registry.standin.StandInTable;
import java.util.List;
import java.util.function.Function;

/**
 * What a node of a Kubernetes version pulls, taken from the MCR stand-in's content table, so
 * that nodes ask exactly for what the stand-in holds (one source of truth for tags): the
 * {@code kubernetes-node} and credential-provider artifacts at their {@code linux-amd64} tags,
 * the {@code oss/v2} pause image, then every other image of the version's rows in table order.
 */
public final class StandInArtifacts implements Function<String, BootArtifacts> {

  private static final String PAUSE = "oss/v2/kubernetes/pause";

  @Override
  public BootArtifacts apply(String kubernetesVersion) {
    List<StandInEntry> rows = StandInTable.entries(List.of(kubernetesVersion));
    return new BootArtifacts(artifact(rows, "/kubernetes-node"),
        artifact(rows, "/azure-acr-credential-provider"), image(rows, PAUSE),
        rows.stream()
            .filter(r -> r.kind() == StandInEntry.Kind.IMAGE && !r.repository().endsWith("/pause"))
            .map(r -> ImageRef.parse(r.repository() + ":" + r.version())).toList());
  }

  private static ImageRef artifact(List<StandInEntry> rows, String suffix) {
    StandInEntry row = rows.stream().filter(r -> r.repository().endsWith(suffix)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the stand-in table has no " + suffix));
    return ImageRef.parse(row.repository() + ":" + row.artifactTag("amd64"));
  }

  private static ImageRef image(List<StandInEntry> rows, String repository) {
    StandInEntry row = rows.stream().filter(r -> r.repository().equals(repository)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the stand-in table has no " + repository));
    return ImageRef.parse(row.repository() + ":" + row.version());
  }
}
