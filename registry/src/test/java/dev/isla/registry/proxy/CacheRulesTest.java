package dev.isla.registry.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.catalog.CacheRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheRulesTest {

  private static final CacheRule SEED = new CacheRule("mcr", "mcr.microsoft.com/*", "*");
  private static final CacheRule AKS =
      new CacheRule("aks-managed-mcr", "mcr.microsoft.com/*", "aks-managed-repository/*");
  private static final CacheRule EXACT =
      new CacheRule("ubuntu", "docker.io/library/ubuntu", "aks-managed-repository/ubuntu");

  @Test
  void theSeedRuleMapsEveryRepositoryOntoMcr() {
    CacheRules.Match m = CacheRules.match(List.of(SEED), "oss/kubernetes/pause").orElseThrow();
    assertThat(m.host()).isEqualTo("mcr.microsoft.com");
    assertThat(m.upstreamRepository()).isEqualTo("oss/kubernetes/pause");
  }

  @Test
  void aPrefixRuleStripsItsPrefix() {
    CacheRules.Match m = CacheRules.match(List.of(SEED, AKS),
        "aks-managed-repository/oss/v2/kubernetes/pause").orElseThrow();
    assertThat(m.rule()).isEqualTo(AKS);
    assertThat(m.source()).isEqualTo("mcr.microsoft.com/oss/v2/kubernetes/pause");
    assertThat(CacheRules.match(List.of(AKS), "aks-managed-repository")).isEmpty();
    assertThat(CacheRules.match(List.of(AKS), "other/x")).isEmpty();
  }

  @Test
  void exactBeatsWildcard() {
    CacheRules.Match m = CacheRules.match(List.of(AKS, EXACT, SEED),
        "aks-managed-repository/ubuntu").orElseThrow();
    assertThat(m.rule()).isEqualTo(EXACT);
    assertThat(m.source()).isEqualTo("docker.io/library/ubuntu");
  }

  @Test
  void sourcePathsArePrefixed() {
    CacheRule dotnet = new CacheRule("dotnet", "mcr.microsoft.com/dotnet/*", "dotnet/*");
    assertThat(CacheRules.match(List.of(dotnet), "dotnet/sdk").orElseThrow().source())
        .isEqualTo("mcr.microsoft.com/dotnet/sdk");
  }
}
