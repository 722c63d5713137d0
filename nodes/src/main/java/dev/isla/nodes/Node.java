package dev.isla.nodes;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node as its agent reports it.
 *
 * @param name e.g. {@code aks-nodepool1-12345678-vmss000000}
 * @param pool its agent pool
 * @param clusterId its cluster
 * @param privateIpAddress its address in the pool's subnet
 * @param bootstrap what it booted with (kept until it is reimaged)
 * @param failure empty when the node is Ready
 * @param bootedAt when its last boot ended
 * @param images what its boot pulled ({@code repo:tag}), in order; empty when it failed early
 * @param booting true while the node boots (it is then NotReady, without a failure): a node
 *     restored after a restart is listed from the moment its boot is scheduled
 */
public record Node(String name, String pool, ResourceId clusterId, LogicalAddress privateIpAddress,
    Bootstrap bootstrap, Optional<BootFailure> failure, Instant bootedAt, List<String> images,
    boolean booting) {

  public Node {
    Objects.requireNonNull(bootstrap);
    Objects.requireNonNull(failure);
    Objects.requireNonNull(bootedAt);
    images = List.copyOf(images);
  }

  public boolean ready() {
    return !booting && failure.isEmpty();
  }
}
