package dev.isla.registry.proxy;

import dev.isla.registry.catalog.CacheRule;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Picks the cache rule for a repository: an exact target beats any wildcard, and a longer
 * wildcard prefix beats a shorter one ({@code library/*} before {@code *}). */
final class CacheRules {

  private CacheRules() {}

  /** The applicable rule and the upstream repository it maps {@code repository} to. */
  static Optional<Match> match(List<CacheRule> rules, String repository) {
    return rules.stream()
        .flatMap(rule -> rule.upstreamRepository(repository).stream()
            .map(upstream -> new Match(rule, upstream)))
        .filter(m -> !m.upstreamRepository().isEmpty())
        .max(Comparator.comparing((Match m) -> !m.rule().wildcard())
            .thenComparing(m -> m.rule().targetPrefix().length()));
  }

  /** A rule covering a repository, and where its content lives upstream. */
  record Match(CacheRule rule, String upstreamRepository) {

    String host() {
      return rule.sourceHost();
    }

    /** {@code mcr.microsoft.com/oss/kubernetes/pause}, for messages. */
    String source() {
      return host() + "/" + upstreamRepository;
    }
  }
}
