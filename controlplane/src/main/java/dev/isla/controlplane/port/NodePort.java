package dev.isla.controlplane.port;

import java.util.List;

/**
 * What the control plane needs from the nodes of its clusters. The launcher plugs in an
 * adapter (the node agents of the data plane); without one, {@link InProcessNodes} stands in.
 *
 * <p>Contract for every adapter:
 *
 * <ul>
 *   <li>Calls block until the nodes concerned are Ready or failed, and are idempotent: asking
 *       again for what exists changes nothing (the control plane retries after a restart).
 *   <li>A node keeps the {@link BootstrapProfile} it booted with until {@link #reimage}; only
 *       new nodes take the profile passed to {@link #provision}.
 *   <li>Per-node failures are results ({@link NodeState#failure()}), not exceptions; an adapter
 *       throws only when it cannot do its job at all ({@link DataPlaneUnavailableException}).
 * </ul>
 */
public interface NodePort {

  /**
   * Brings a pool to {@code spec.count()} nodes: existing nodes stay as they are (their
   * bootstrap too), missing ones boot with {@code spec.bootstrap()}, surplus ones (highest
   * index first) are removed.
   *
   * @return the pool's nodes after the call, by name
   */
  List<NodeState> provision(NodePoolSpec spec);

  /**
   * Reimages every node of the pool: each one boots again with {@code spec.bootstrap()}
   * (research/aks-isolation.md §1.1: only a reimage applies a changed artifact source or
   * registry to an existing node).
   *
   * @return the pool's nodes after the call
   */
  List<NodeState> reimage(NodePoolSpec spec);

  /** The nodes of a cluster, every pool, by name; empty when it has none. */
  List<NodeState> nodes(String clusterId);

  /** Removes a pool's nodes; nothing happens when there are none. */
  void deletePool(String clusterId, String pool);

  /** Removes every node of a cluster; nothing happens when there are none. */
  void deleteCluster(String clusterId);

  /**
   * Runs a shell command from a node's position in the cluster (its network, its DNS, kubectl
   * configured for the cluster) — {@code az aks command invoke}.
   *
   * @param context base64 zip of files the command may use, empty when none
   * @throws DataPlaneUnavailableException when no adapter can run commands
   */
  CommandResult runCommand(String clusterId, String command, String context);
}
