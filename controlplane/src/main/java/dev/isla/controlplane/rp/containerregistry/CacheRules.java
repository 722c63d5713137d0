package dev.isla.controlplane.rp.containerregistry;

import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ProvisioningState;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-side queries over cache rules, for the registry data plane's pull-through: the rules of a
 * registry, and which rule (if any) fills a repository from where (research/aks-isolation.md §6.1).
 */
public final class CacheRules {

  private CacheRules() {}

  /**
   * Which rule covers a repository and the upstream repository it maps to.
   *
   * @param rule the matching rule
   * @param upstream {@code <host>/<path>}, e.g. {@code mcr.microsoft.com/oss/kubernetes/pause}
   */
  public record Match(CacheRule rule, String upstream) {

    public Match {
      Objects.requireNonNull(rule);
      Objects.requireNonNull(upstream);
    }

    /** The upstream registry host, e.g. {@code mcr.microsoft.com}. */
    public String registry() {
      return upstream.substring(0, upstream.indexOf('/'));
    }

    /** The repository path at the upstream, e.g. {@code oss/kubernetes/pause}. */
    public String repository() {
      return upstream.substring(upstream.indexOf('/') + 1);
    }
  }

  /** The successfully created rules of {@code registryId}, ordered by name. */
  public static List<CacheRule> of(ResourceStore store, ResourceId registryId) {
    return store.list(ResourceQuery.ofType(ResourceTypes.CACHE_RULES.key()).withParent(registryId)).stream()
        .filter(r -> ProvisioningState.of(r.body()).equals(ProvisioningState.SUCCEEDED))
        .map(CacheRules::rule)
        .toList();
  }

  static CacheRule rule(StoredResource r) {
    return new CacheRule(r.id().name(), r.body().path("properties").path("sourceRepository").asText(),
        r.body().path("properties").path("targetRepository").asText());
  }

  /**
   * The rule that fills {@code repository}: a static rule for exactly that path beats wildcards;
   * among wildcards the longest target prefix wins.
   */
  public static Optional<Match> match(List<CacheRule> rules, String repository) {
    return rules.stream()
        .flatMap(rule -> rule.upstreamOf(repository).map(u -> new Match(rule, u)).stream())
        .max(Comparator.comparingInt(CacheRules::specificity));
  }

  private static int specificity(Match m) {
    return m.rule().isWildcard() ? m.rule().targetPrefix().length() : Integer.MAX_VALUE;
  }
}
