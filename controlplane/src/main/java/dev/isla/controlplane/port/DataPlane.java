package dev.isla.controlplane.port;

import java.util.Objects;

/**
 * The data-plane adapters the launcher plugs into the control plane. Later issues add DNS,
 * registry and network-fabric ports here.
 *
 * @param nodes the node agents
 * @param principals the tenant's principals besides managed identities (service principals
 *     such as Isla's built-in one), which role assignments may name
 * @param registries what the registry data plane stores, for usage reports
 */
public record DataPlane(NodePort nodes, TenantPrincipals principals, RegistryStorage registries) {

  public DataPlane {
    Objects.requireNonNull(nodes);
    Objects.requireNonNull(principals);
    Objects.requireNonNull(registries);
  }

  /** Nodes and principals; no registry data plane. */
  public DataPlane(NodePort nodes, TenantPrincipals principals) {
    this(nodes, principals, RegistryStorage.none());
  }

  /** Nodes only; the tenant has no principals besides managed identities. */
  public DataPlane(NodePort nodes) {
    this(nodes, TenantPrincipals.none());
  }

  /** No data plane wired: nodes are simulated in-process ({@link InProcessNodes}). */
  public static DataPlane inProcess() {
    return new DataPlane(new InProcessNodes());
  }
}
