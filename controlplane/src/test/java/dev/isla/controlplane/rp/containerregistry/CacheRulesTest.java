package dev.isla.controlplane.rp.containerregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.arm.ArmException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheRulesTest {

  private static final CacheRule SEED = new CacheRule("acr-cache-rule", "mcr.microsoft.com/*", "*");
  private static final CacheRule AKS =
      new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*", "aks-managed-repository/*");

  @Test
  void registryWideWildcardMapsEveryRepositoryToTheUpstream() {
    CacheRules.Match m = CacheRules.match(List.of(SEED), "oss/kubernetes/pause").orElseThrow();
    assertThat(m.rule()).isEqualTo(SEED);
    assertThat(m.upstream()).isEqualTo("mcr.microsoft.com/oss/kubernetes/pause");
    assertThat(m.registry()).isEqualTo("mcr.microsoft.com");
    assertThat(m.repository()).isEqualTo("oss/kubernetes/pause");
  }

  @Test
  void prefixWildcardStripsTheTargetPrefix() {
    assertThat(CacheRules.match(List.of(AKS), "aks-managed-repository/oss/kubernetes/pause").orElseThrow().upstream())
        .isEqualTo("mcr.microsoft.com/oss/kubernetes/pause");
    assertThat(CacheRules.match(List.of(AKS), "oss/kubernetes/pause")).isEmpty();
    assertThat(CacheRules.match(List.of(AKS), "aks-managed-repository")).isEmpty();
    assertThat(CacheRules.match(List.of(new CacheRule("dotnet", "mcr.microsoft.com/dotnet/*", "ms/*")),
        "ms/runtime").orElseThrow().upstream()).isEqualTo("mcr.microsoft.com/dotnet/runtime");
  }

  @Test
  void exactRuleBeatsWildcardAndLongerPrefixBeatsShorter() {
    CacheRule exact = new CacheRule("pause", "registry.k8s.io/pause", "oss/kubernetes/pause");
    CacheRule oss = new CacheRule("oss", "quay.io/oss/*", "oss/*");
    assertThat(CacheRules.match(List.of(SEED, oss, exact), "oss/kubernetes/pause").orElseThrow().rule()).isEqualTo(exact);
    assertThat(CacheRules.match(List.of(SEED, oss, exact), "oss/other").orElseThrow().upstream()).isEqualTo("quay.io/oss/other");
    assertThat(CacheRules.match(List.of(SEED, oss), "library/nginx").orElseThrow().rule()).isEqualTo(SEED);
  }

  @Test
  void conflictsFollowTheArtifactCacheRules() {
    CacheRule library = new CacheRule("library", "docker.io/library/*", "library/*");
    CacheRule dotnet = new CacheRule("dotnet", "mcr.microsoft.com/dotnet/*", "library/dotnet/*");
    CacheRule libraryStatic = new CacheRule("nginx", "docker.io/library/nginx", "library/nginx");
    assertThat(SEED.conflictsWith(library)).isTrue();
    assertThat(library.conflictsWith(dotnet)).isTrue();
    assertThat(dotnet.conflictsWith(library)).isTrue();
    assertThat(library.conflictsWith(new CacheRule("lib2", "quay.io/*", "library/*"))).isTrue();
    assertThat(library.conflictsWith(new CacheRule("libx", "quay.io/*", "libraryx/*"))).isFalse();
    assertThat(libraryStatic.conflictsWith(library)).isFalse();
    assertThat(libraryStatic.conflictsWith(new CacheRule("nginx2", "quay.io/nginx", "library/nginx"))).isTrue();
  }

  @Test
  void invalidRulesDieAtConstruction() {
    assertThatThrownBy(() -> new CacheRule("r", "mcr.microsoft.com/*", "library/nginx"))
        .isInstanceOf(ArmException.class).hasMessageContaining("wildcard");
    assertThatThrownBy(() -> new CacheRule("r", "mcr.microsoft.com/dotnet", "*"))
        .isInstanceOf(ArmException.class).hasMessageContaining("wildcard");
    assertThatThrownBy(() -> new CacheRule("r", "example.com/*", "*"))
        .isInstanceOf(ArmException.class).hasMessageContaining("not a supported upstream");
    assertThatThrownBy(() -> new CacheRule("r", "mcr.microsoft.com", "x"))
        .isInstanceOf(ArmException.class).hasMessageContaining("is not valid");
    assertThatThrownBy(() -> new CacheRule("r", "mcr.microsoft.com/Dotnet", "dotnet"))
        .isInstanceOf(ArmException.class).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> new CacheRule("r", "mcr.microsoft.com/*", "Library/*"))
        .isInstanceOf(ArmException.class).hasMessageContaining("target repository");
    assertThat(new CacheRule("r", "myupstream.azurecr.io/*", "*").upstreamRegistry()).isEqualTo("myupstream.azurecr.io");
    assertThat(new CacheRule("r", "us-docker.pkg.dev/p/r/*", "g/*").isWildcard()).isTrue();
  }
}
