package dev.isla.registry.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The content table: per-minor lookups, de-duplication and row validation. */
class StandInTableTest {

  @Test
  void minorsOutsideTheTablesUseTheNearestRow() {
    assertThat(tagsOf(StandInTable.entries(List.of("1.34.1")), "oss/v2/kubernetes/coredns"))
        .containsExactly("v1.12.1-25");
    assertThat(tagsOf(StandInTable.entries(List.of("1.27.3")),
        "oss/binaries/kubernetes/azure-acr-credential-provider"))
        .containsExactly("v1.29.15-linux-amd64", "v1.29.15-linux-arm64");
  }

  @Test
  void patchesOfOneMinorShareTheirPerMinorRows() {
    List<StandInEntry> rows = StandInTable.entries(List.of("1.32.4", "1.32.7", "1.32.7"));
    assertThat(tagsOf(rows, "oss/v2/kubernetes/coredns")).containsExactly("v1.11.3-32");
    assertThat(tagsOf(rows, "oss/v2/kubernetes/kube-proxy")).containsExactly("v1.32.4", "v1.32.7");
    assertThat(rows).doesNotHaveDuplicates();
  }

  @Test
  void malformedInputIsRefused() {
    assertThatThrownBy(() -> StandInTable.entries(List.of("1.30")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.30");
    assertThatThrownBy(() -> new StandInEntry("oss/x", "v1", StandInEntry.Kind.ARTIFACT,
        List.of("amd64"), List.of("x"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StandInEntry("oss/x", "v1", StandInEntry.Kind.IMAGE,
        List.of("s390x"), List.of("x"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StandInEntry.image("Oss/Upper", "v1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> tagsOf(List<StandInEntry> rows, String repository) {
    return rows.stream().filter(r -> r.repository().equals(repository))
        .flatMap(r -> r.tags().stream()).toList();
  }
}
