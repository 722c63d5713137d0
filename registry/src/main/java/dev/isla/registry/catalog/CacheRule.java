package dev.isla.registry.catalog;

import java.util.Optional;

/**
 * An ACR cache rule: pulls of {@code targetRepository} (an exact path, {@code prefix/*} or
 * {@code *}) are served from {@code sourceRepository} ({@code <upstream host>/<path>}, with
 * {@code /*} when the target is a wildcard). See research/aks-isolation.md §6.1.
 */
public record CacheRule(String name, String sourceRepository, String targetRepository) {

  public CacheRule {
    if (sourceRepository.endsWith("/*") != targetRepository.endsWith("*")) {
      throw new IllegalArgumentException("source and target of rule " + name
          + " must both be wildcards or both be exact");
    }
    if (!sourceRepository.contains("/")) {
      throw new IllegalArgumentException("source of rule " + name + " lacks a login server");
    }
  }

  /** Whether the target is a wildcard ({@code *} or {@code prefix/*}). */
  public boolean wildcard() {
    return targetRepository.endsWith("*");
  }

  /** The target without the trailing {@code /*} or {@code *}: empty for {@code *}. */
  public String targetPrefix() {
    if (!wildcard()) {
      return targetRepository;
    }
    return targetRepository.substring(0, Math.max(0, targetRepository.length() - 2));
  }

  /** The upstream host ({@code mcr.microsoft.com}). */
  public String sourceHost() {
    return sourceRepository.substring(0, sourceRepository.indexOf('/'));
  }

  /** The upstream path below the host, without the trailing {@code /*}: may be empty. */
  public String sourcePrefix() {
    String path = sourceRepository.substring(sourceRepository.indexOf('/') + 1);
    return path.equals("*") ? "" : wildcard() ? path.substring(0, path.length() - 2) : path;
  }

  /**
   * The upstream repository for {@code repository} when this rule covers it: exact rules match
   * the name itself, wildcard rules anything below their prefix.
   */
  public Optional<String> upstreamRepository(String repository) {
    if (!wildcard()) {
      return repository.equals(targetRepository) ? Optional.of(sourcePrefix()) : Optional.empty();
    }
    String prefix = targetPrefix();
    if (!prefix.isEmpty() && !repository.startsWith(prefix + "/")) {
      return Optional.empty();
    }
    String rest = prefix.isEmpty() ? repository : repository.substring(prefix.length() + 1);
    return Optional.of(sourcePrefix().isEmpty() ? rest : sourcePrefix() + "/" + rest);
  }
}
