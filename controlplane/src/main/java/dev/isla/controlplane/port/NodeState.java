package dev.isla.controlplane.port;

import java.util.Objects;
import java.util.Optional;

/**
 * One node as the data plane reports it.
 *
 * @param name e.g. {@code aks-nodepool1-12345678-vmss000000}
 * @param pool the agent pool it belongs to
 * @param bootstrap what it booted with (kept until it is reimaged)
 * @param failure empty when the node is Ready
 */
public record NodeState(String name, String pool, BootstrapProfile bootstrap, Optional<NodeFailure> failure) {

  public NodeState {
    Objects.requireNonNull(name);
    Objects.requireNonNull(pool);
    Objects.requireNonNull(bootstrap);
    Objects.requireNonNull(failure);
  }

  public boolean ready() {
    return failure.isEmpty();
  }
}
