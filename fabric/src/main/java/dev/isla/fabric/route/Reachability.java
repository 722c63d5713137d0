package dev.isla.fabric.route;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.Cluster;
import dev.isla.fabric.catalog.FabricCatalog;
import dev.isla.fabric.catalog.PrivateEndpointAddress;
import dev.isla.fabric.catalog.Subnet;
import dev.isla.fabric.catalog.VirtualNetwork;
import dev.isla.fabric.route.Decision.Failure;
import dev.isla.fabric.route.Decision.Refuse;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Decides where a node's connection goes (docs/FABRIC.md, "Reachability"), in this order:
 *
 * <ol>
 *   <li>A loopback destination is the node's own: refused.
 *   <li>Azure's platform addresses (168.63.129.16, 169.254.169.254) are reachable from every
 *       VNet, whatever the egress.
 *   <li>An address of the node's VNet: a private endpoint (only while its connection is
 *       approved), a registered service, or another host; a port nobody serves on a host that
 *       exists is refused, an address no host holds is unreachable.
 *   <li>A non-public address outside the VNet: unreachable (peering is not simulated).
 *   <li>A public address: only with an egress path ({@link EgressPolicy}); then only if Isla
 *       simulates something there, else unreachable, as an address nobody answers on.
 * </ol>
 *
 * Pure: it reads the catalog, the service map and the attached nodes, and opens nothing.
 */
public final class Reachability {

  private final FabricCatalog catalog;
  private final ServiceMap services;
  private final BiPredicate<ResourceId, LogicalAddress> nodeAt;

  /**
   * @param nodeAt tells whether an attached node holds an address in a VNet
   */
  public Reachability(FabricCatalog catalog, ServiceMap services,
      BiPredicate<ResourceId, LogicalAddress> nodeAt) {
    this.catalog = catalog;
    this.services = services;
    this.nodeAt = nodeAt;
  }

  /** Decides a connection from {@code node} to {@code destination:port}. */
  public Decision decide(NodePosition node, LogicalAddress destination, int port) {
    Target target = new Target(this, destination, port);
    if (destination.isLoopback()) {
      return refuse(Failure.REFUSED, "loopback", "nothing listens on the node's own " + target);
    }
    if (destination.equals(LogicalAddress.AZURE_DNS) || destination.equals(LogicalAddress.IMDS)) {
      return services.lookup(node.virtualNetworkId(), destination, port)
          .<Decision>map(l -> new Decision.Route(l, new Path.Platform()))
          .orElseGet(() -> refuse(Failure.UNREACHABLE, "platform",
              "Isla serves nothing on " + target));
    }
    Optional<VirtualNetwork> vnet = catalog.virtualNetwork(node.virtualNetworkId());
    if (vnet.isEmpty()) {
      return refuse(Failure.UNREACHABLE, "virtual network",
          "the node's VNet " + node.virtualNetworkId().name() + " no longer exists");
    }
    if (vnet.get().contains(destination)) {
      return insideVnet(node, destination, port, target);
    }
    if (destination.isNonPublic()) {
      return refuse(Failure.UNREACHABLE, "no route", target + " is outside VNet "
          + vnet.get().id().name() + " and not public (VNet peering is not simulated)");
    }
    return toInternet(node, destination, port, target);
  }

  private Decision insideVnet(NodePosition node, LogicalAddress destination, int port,
      Target target) {
    ResourceId vnetId = node.virtualNetworkId();
    Optional<PrivateEndpointAddress> endpoint = catalog.privateEndpointAddresses(vnetId).stream()
        .filter(e -> e.privateIpAddress().equals(destination)).findFirst();
    if (endpoint.isPresent()) {
      return throughEndpoint(node, endpoint.get(), port, target);
    }
    // A global entry at a public address is the internet's host; inside a VNet whose address
    // space covers that address, the VNet's own host of that address answers instead.
    boolean global = destination.isNonPublic();
    Optional<Decision> served = (global ? services.lookup(vnetId, destination, port)
        : services.lookupScoped(vnetId, destination, port))
        .map(l -> new Decision.Route(l, new Path.VNet()));
    if (served.isPresent()) {
      return served.get();
    }
    if (nodeAt.test(vnetId, destination) || services.serves(vnetId, destination, global)) {
      return refuse(Failure.REFUSED, "no listener", "nothing listens on " + target);
    }
    return refuse(Failure.UNREACHABLE, "no host",
        "no host holds " + destination + " in VNet " + vnetId.name());
  }

  private Decision throughEndpoint(NodePosition node, PrivateEndpointAddress endpoint, int port,
      Target target) {
    if (!endpoint.approved()) {
      return refuse(Failure.UNREACHABLE, "private endpoint connection",
          "private endpoint " + endpoint.privateEndpointId().name()
              + " is not approved, it carries no traffic to " + target);
    }
    Path path = new Path.PrivateEndpoint(endpoint.privateEndpointId(),
        endpoint.privateLinkServiceId(), endpoint.requiredMemberName());
    return services.lookup(node.virtualNetworkId(), endpoint.privateIpAddress(), port)
        .<Decision>map(l -> new Decision.Route(l, path))
        .orElseGet(() -> refuse(Failure.REFUSED, "no listener",
            "nothing listens on " + target + " behind the private endpoint"));
  }

  private Decision toInternet(NodePosition node, LogicalAddress destination, int port,
      Target target) {
    Optional<Cluster> cluster = catalog.cluster(node.clusterId());
    Optional<Subnet> subnet = catalog.subnet(node.subnetId());
    if (cluster.isEmpty() || subnet.isEmpty()) {
      String gone = cluster.isEmpty() ? "cluster " + node.clusterId().name()
          : "subnet " + node.subnetId().name();
      return refuse(Failure.UNREACHABLE, "no egress",
          "the node's " + gone + " no longer exists: no egress to " + target);
    }
    EgressDecision egress = EgressPolicy.decide(cluster.get().outboundType(), subnet.get(),
        node.instancePublicIp());
    if (!egress.allowed()) {
      return refuse(Failure.UNREACHABLE, egress.policy(), "no egress to " + target);
    }
    return services.lookup(destination, port)
        .<Decision>map(l -> new Decision.Route(l, new Path.Public(egress.egress())))
        .orElseGet(() -> refuse(Failure.UNREACHABLE, "internet",
            "Isla simulates nothing on " + target));
  }

  /** Names the destination in a refusal; the catalog is read only when a refusal is written. */
  private record Target(Reachability reachability, LogicalAddress address, int port) {
    @Override
    public String toString() {
      return reachability.describe(address) + " port " + port;
    }
  }

  private static Refuse refuse(Failure failure, String policy, String detail) {
    return new Refuse(failure, policy, policy + ": " + detail);
  }

  /** The address with the name Isla knows it by, e.g. {@code 20.62.0.5 (mcr.microsoft.com)}. */
  public String describe(LogicalAddress address) {
    Optional<String> name = catalog.publicServices().stream()
        .filter(s -> s.address().equals(address)).map(s -> s.host()).findFirst()
        .or(() -> catalog.registries().stream().filter(r -> r.publicAddress().equals(address))
            .map(r -> r.loginServer()).findFirst());
    return name.map(n -> address + " (" + n + ")").orElse(address.toString());
  }
}
