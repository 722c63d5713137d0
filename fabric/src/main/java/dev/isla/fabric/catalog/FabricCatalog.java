package dev.isla.fabric.catalog;

import dev.isla.arm.ResourceId;
import java.util.List;
import java.util.Optional;

/**
 * The topology the fabric routes through, as the control plane knows it: the port the launcher
 * implements over the control plane's resources (the fabric never imports the control plane).
 *
 * <p>Contract for every implementation:
 *
 * <ul>
 *   <li>Methods are called on every connection, from many threads at once; each returns the
 *       current state (a cluster's outbound type changed a moment ago applies to the next
 *       connection). A slow implementation caches and invalidates on change.
 *   <li>Nothing returns null: absence is {@link Optional#empty()} or an empty list. Ids compare
 *       as {@link ResourceId} does (case-insensitively).
 *   <li>Addresses are logical labels (research/aks-isolation.md §7): VNet addresses from the
 *       control plane's address plans, public addresses Isla invented. The fabric never dials
 *       them.
 *   <li>A method that throws fails the connection being decided (as unreachable), never the
 *       fabric.
 * </ul>
 */
public interface FabricCatalog {

  /** The VNet with that id, if it exists. */
  Optional<VirtualNetwork> virtualNetwork(ResourceId id);

  /** The subnet with that id, if it exists. */
  Optional<Subnet> subnet(ResourceId id);

  /** The managed cluster with that id, if it exists. */
  Optional<Cluster> cluster(ResourceId id);

  /**
   * Every private endpoint address whose subnet belongs to {@code virtualNetworkId}, whatever
   * the state of its connection; empty when there are none.
   */
  List<PrivateEndpointAddress> privateEndpointAddresses(ResourceId virtualNetworkId);

  /** Every container registry with its public address; empty when there are none. */
  List<Registry> registries();

  /** Every public service Isla simulates (MCR stand-in …); empty when there are none. */
  List<PublicService> publicServices();
}
