package dev.isla.controlplane.port;

import java.util.Objects;

/**
 * Why a node did not become Ready: the bootstrap phase that failed, the exit code the AKS node
 * provisioning script uses for it (research/aks-isolation.md §2: 215 DNS, 212 unauthorized, 207
 * kubelet binaries, …) and a human-readable cause.
 */
public record NodeFailure(String phase, int exitCode, String cause) {

  public NodeFailure {
    Objects.requireNonNull(phase);
    Objects.requireNonNull(cause);
    if (phase.isBlank()) {
      throw new IllegalArgumentException("a node failure names its phase");
    }
  }
}
