package dev.isla.controlplane.port;

import java.util.Objects;

/**
 * The data-plane adapters the launcher plugs into the control plane. Later issues add DNS,
 * registry and network-fabric ports here.
 *
 * @param nodes the node agents
 */
public record DataPlane(NodePort nodes) {

  public DataPlane {
    Objects.requireNonNull(nodes);
  }

  /** No data plane wired: nodes are simulated in-process ({@link InProcessNodes}). */
  public static DataPlane inProcess() {
    return new DataPlane(new InProcessNodes());
  }
}
