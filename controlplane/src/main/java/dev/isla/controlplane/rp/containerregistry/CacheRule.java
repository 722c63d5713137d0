package dev.isla.controlplane.rp.containerregistry;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A cache rule: the registry's {@code targetRepository} is filled from the upstream
 * {@code sourceRepository} (research/aks-isolation.md §6.1). Either both are static (one
 * repository each) or both are wildcards: {@code <host>/*} or {@code <host>/<prefix>/*} upstream,
 * {@code *} or {@code <prefix>/*} in the registry.
 *
 * @param name the rule's name, e.g. {@code aks-managed-mcr}
 * @param sourceRepository e.g. {@code mcr.microsoft.com/*}
 * @param targetRepository e.g. {@code aks-managed-repository/*}
 */
public record CacheRule(String name, String sourceRepository, String targetRepository) {

  /** Upstream registries ACR's artifact cache supports (ACR docs, "Artifact cache" overview). */
  public static final List<String> UPSTREAMS = List.of("mcr.microsoft.com", "docker.io",
      "registry-1.docker.io", "ghcr.io", "quay.io", "registry.k8s.io", "nvcr.io", "public.ecr.aws",
      "gcr.io", "*.gcr.io", "*-docker.pkg.dev", "*.azurecr.io");

  /** OCI repository path: lower-case components separated by {@code /}. */
  private static final Pattern PATH = Pattern.compile(
      "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

  /**
   * A validated rule.
   *
   * @throws ArmException {@code InvalidCacheRule} naming what is wrong
   */
  public CacheRule {
    checkSource(sourceRepository);
    checkTarget(targetRepository);
    if (isWildcard(sourceRepository) != isWildcard(targetRepository)) {
      throw invalid("A wildcard source repository needs a wildcard target repository and a static one a static one: '"
          + sourceRepository + "' cannot fill '" + targetRepository + "'.");
    }
  }

  /** True for {@code …/*} and {@code *}. */
  public boolean isWildcard() {
    return isWildcard(targetRepository);
  }

  private static boolean isWildcard(String repository) {
    return repository.equals("*") || repository.endsWith("/*");
  }

  /** The upstream registry host, e.g. {@code mcr.microsoft.com}. */
  public String upstreamRegistry() {
    return sourceRepository.substring(0, sourceRepository.indexOf('/'));
  }

  /** For a wildcard rule, the target prefix without {@code /*} ({@code ""} for {@code *}). */
  String targetPrefix() {
    return targetRepository.equals("*") ? "" : targetRepository.substring(0, targetRepository.length() - 2);
  }

  /** For a wildcard rule, the source without {@code /*}, e.g. {@code mcr.microsoft.com}. */
  String sourcePrefix() {
    return sourceRepository.substring(0, sourceRepository.length() - 2);
  }

  /** The upstream repository this rule maps {@code repository} to, if it covers it. */
  Optional<String> upstreamOf(String repository) {
    if (!isWildcard()) {
      return repository.equals(targetRepository) ? Optional.of(sourceRepository) : Optional.empty();
    }
    String prefix = targetPrefix();
    if (prefix.isEmpty()) {
      return Optional.of(sourcePrefix() + "/" + repository);
    }
    return repository.startsWith(prefix + "/")
        ? Optional.of(sourcePrefix() + "/" + repository.substring(prefix.length() + 1))
        : Optional.empty();
  }

  /** True when two rules may not coexist (§6.1): equal static targets, equal or nested wildcards. */
  public boolean conflictsWith(CacheRule other) {
    if (isWildcard() != other.isWildcard()) {
      return false;
    }
    if (!isWildcard()) {
      return targetRepository.equals(other.targetRepository);
    }
    String a = targetPrefix();
    String b = other.targetPrefix();
    return a.isEmpty() || b.isEmpty() || a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
  }

  private static void checkSource(String source) {
    int slash = source.indexOf('/');
    if (slash <= 0 || slash == source.length() - 1) {
      throw invalid("The source repository '" + source
          + "' is not valid. Use '<registry>/<repository>', '<registry>/<prefix>/*' or '<registry>/*'.");
    }
    String host = source.substring(0, slash).toLowerCase(Locale.ROOT);
    if (!HOST.matcher(host).matches() || UPSTREAMS.stream().noneMatch(u -> hostMatches(u, host))) {
      throw invalid("The source registry '" + source.substring(0, slash)
          + "' is not a supported upstream. Supported upstreams: " + String.join(", ", UPSTREAMS) + ".");
    }
    String path = source.substring(slash + 1);
    if (!path.equals("*") && !PATH.matcher(path.endsWith("/*") ? path.substring(0, path.length() - 2) : path).matches()) {
      throw invalid("The source repository '" + source + "' is not valid: '" + path
          + "' is not a lower-case repository path.");
    }
  }

  private static boolean hostMatches(String pattern, String host) {
    if (pattern.startsWith("*")) {
      String suffix = pattern.substring(1);
      return host.endsWith(suffix) && host.length() > suffix.length();
    }
    return pattern.equals(host);
  }

  private static void checkTarget(String target) {
    String path = target.endsWith("/*") ? target.substring(0, target.length() - 2) : target;
    if (!target.equals("*") && !PATH.matcher(path).matches()) {
      throw invalid("The target repository '" + target
          + "' is not valid. Use a lower-case repository path, '<prefix>/*' or '*'.");
    }
  }

  private static ArmException invalid(String message) {
    return ArmException.of(ArmErrorCode.CACHE_RULE_INVALID, message);
  }
}
