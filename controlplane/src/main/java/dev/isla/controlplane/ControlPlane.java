package dev.isla.controlplane;

import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.ArmGate;
import dev.isla.controlplane.arm.ArmRouter;
import dev.isla.controlplane.arm.ArmServer;
import dev.isla.controlplane.arm.ArmSettings;
import dev.isla.controlplane.port.DataPlane;
import dev.isla.controlplane.rp.containerservice.AgentPoolProvider;
import dev.isla.controlplane.rp.containerservice.ManagedClusterProvider;
import dev.isla.controlplane.rp.authorization.IdentityDirectory;
import dev.isla.controlplane.rp.authorization.RoleAssignmentProvider;
import dev.isla.controlplane.rp.authorization.RoleDefinitionProvider;
import dev.isla.controlplane.rp.containerregistry.CacheRuleProvider;
import dev.isla.controlplane.rp.containerregistry.RegistryNameAvailability;
import dev.isla.controlplane.rp.containerregistry.RegistryProvider;
import dev.isla.controlplane.rp.features.FeatureProvider;
import dev.isla.controlplane.rp.managedidentity.UserAssignedIdentityProvider;
import dev.isla.controlplane.rp.network.NetworkInterfaceProvider;
import dev.isla.controlplane.rp.network.PrivateEndpointProvider;
import dev.isla.controlplane.rp.network.SubnetProvider;
import dev.isla.controlplane.rp.network.VirtualNetworkProvider;
import dev.isla.controlplane.rp.privatedns.PrivateDnsZoneProvider;
import dev.isla.controlplane.rp.privatedns.RecordSetProvider;
import dev.isla.controlplane.rp.privatedns.RecordType;
import dev.isla.controlplane.rp.privatedns.VirtualNetworkLinkProvider;
import dev.isla.controlplane.rp.resources.ResourceGroupProvider;
import dev.isla.controlplane.rp.resources.SubscriptionFrontDoor;
import dev.isla.controlplane.store.ResourceStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The control plane assembled: engine, every resource provider, the front door and the ARM
 * listener. The launcher builds one with the store and data-plane adapters it chose.
 */
public final class ControlPlane implements AutoCloseable {

  private final Arm arm;
  private final ArmServer server;

  /**
   * Registers every provider, resumes interrupted operations and starts listening.
   *
   * @param host address to bind, normally {@code 127.0.0.1}
   * @param port port to bind; 0 picks a free one
   */
  public ControlPlane(ResourceStore store, ArmSettings settings, Clock clock, String host, int port) {
    this(store, settings, clock, host, port, DataPlane.inProcess());
  }

  /**
   * As above, with the data-plane adapters the launcher chose.
   *
   * @param dataPlane adapters for nodes (and later DNS, registry, fabric)
   */
  public ControlPlane(ResourceStore store, ArmSettings settings, Clock clock, String host, int port,
      DataPlane dataPlane) {
    this(store, settings, clock, host, port, dataPlane, Edge.open());
  }

  /**
   * How ARM meets its callers: the credential check and the optional TLS listener.
   *
   * @param gate checks every request before routing
   * @param secure the TLS listener, with the services mounted beside ARM (login)
   */
  public record Edge(ArmGate gate, Optional<ArmServer.Secure> secure) {
    /** Plain HTTP only, everyone admitted. */
    public static Edge open() {
      return new Edge(ArmGate.open(), Optional.empty());
    }
  }

  /** As above, with the edge the launcher chose. */
  public ControlPlane(ResourceStore store, ArmSettings settings, Clock clock, String host, int port,
      DataPlane dataPlane, Edge edge) {
    this.arm = new Arm(store, settings, clock);
    SubscriptionFrontDoor frontDoor = new SubscriptionFrontDoor(arm);
    registerProviders(arm, frontDoor, dataPlane);
    arm.start();
    this.server = new ArmServer(new ArmRouter(arm, frontDoor), edge.gate(), host, port, edge.secure());
  }

  private static void registerProviders(Arm arm, SubscriptionFrontDoor frontDoor, DataPlane dataPlane) {
    arm.register(new ResourceGroupProvider(arm));
    arm.register(new FeatureProvider(arm));
    arm.register(new ManagedClusterProvider(arm, dataPlane.nodes()));
    arm.register(new AgentPoolProvider(arm, dataPlane.nodes()));
    arm.register(new RegistryProvider(arm, dataPlane.registries()));
    arm.register(new CacheRuleProvider(arm));
    RegistryNameAvailability names = new RegistryNameAvailability(arm.store());
    frontDoor.registerAction("Microsoft.ContainerRegistry", "checkNameAvailability", names::answer);
    arm.register(new UserAssignedIdentityProvider(arm));
    arm.register(new RoleDefinitionProvider(arm));
    IdentityDirectory identities = new IdentityDirectory(arm.store());
    arm.register(new RoleAssignmentProvider(arm, principalId -> identities.principalType(principalId)
        .or(() -> dataPlane.principals().principalType(principalId))));
    arm.register(new VirtualNetworkProvider(arm));
    arm.register(new SubnetProvider());
    arm.register(new NetworkInterfaceProvider(arm));
    arm.register(new PrivateEndpointProvider(arm));
    arm.register(new PrivateDnsZoneProvider());
    arm.register(new VirtualNetworkLinkProvider());
    for (RecordType recordType : RecordType.values()) {
      arm.register(new RecordSetProvider(recordType));
    }
  }

  /** The engine, for in-process callers (tests, the launcher's status output). */
  public Arm arm() {
    return arm;
  }

  /** The bound ARM port. */
  public int port() {
    return server.port();
  }

  /** The bound TLS port, when the edge has a TLS listener. */
  public Optional<Integer> securePort() {
    return server.securePort();
  }

  @Override
  public void close() {
    server.close();
    arm.close();
  }
}
