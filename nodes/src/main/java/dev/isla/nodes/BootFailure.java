package dev.isla.nodes;

import java.util.Objects;

/**
 * Why a node is not Ready: the boot phase that failed ({@code dnsCheck}, {@code registryLogin},
 * {@code kubernetesNode} …), AgentBaker's exit code for it, and the cause in words.
 */
public record BootFailure(String phase, int exitCode, String cause) {

  public BootFailure {
    Objects.requireNonNull(cause);
    if (phase.isBlank()) {
      throw new IllegalArgumentException("a boot failure names its phase");
    }
  }
}
