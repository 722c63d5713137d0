package dev.isla.fabric;

import static dev.isla.fabric.SeedNetwork.MCR;
import static dev.isla.fabric.SeedNetwork.PE_REGISTRY;
import static dev.isla.fabric.SeedNetwork.REGISTRY_PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.Cluster;
import dev.isla.fabric.catalog.InMemoryFabricCatalog;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.route.Decision.Failure;
import dev.isla.fabric.route.Egress;
import dev.isla.fabric.route.Path;
import dev.isla.fabric.route.ServiceMap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fabric over real loopback sockets: the seed's isolated cluster, its registry and MCR. */
@Timeout(20)
class FabricIT {

  private static final Duration SHORT = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofSeconds(5);

  private InMemoryFabricCatalog catalog;
  private ServiceMap services;
  private Fabric fabric;
  private Listener registry;
  private Listener mcr;

  @BeforeEach
  void start() throws Exception {
    catalog = SeedNetwork.catalog(OutboundType.NONE, false);
    services = new ServiceMap();
    fabric = new Fabric(catalog, services, new Fabric.Settings(3, 1000, Duration.ofMinutes(5)),
        Clock.systemUTC());
    registry = new Listener(fabric);
    mcr = new Listener(fabric);
    services.register(PE_REGISTRY, 443, registry.address());
    services.register(SeedNetwork.PE_DATA, 443, registry.address());
    services.register(REGISTRY_PUBLIC, 443, registry.address());
    services.register(MCR, 443, mcr.address());
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
    mcr.close();
  }

  @Test
  void anIsolatedNodeReachesTheRegistryThroughItsPrivateEndpoint() throws Exception {
    InetAddress source = fabric.attach(SeedNetwork.node(0));

    try (Socket socket = fabric.connect(SeedNetwork.node(0).nodeId(), PE_REGISTRY, 443, WAIT)) {
      Listener.Accepted accepted = registry.next(WAIT).orElseThrow();

      assertThat(socket.getInetAddress().isLoopbackAddress()).isTrue();
      assertThat(accepted.peerAddress()).isEqualTo(source);
      assertThat(accepted.origin()).contains(new Origin(Optional.of(SeedNetwork.node(0).nodeId()),
          Optional.of(SeedNetwork.VNET), Optional.of(SeedNetwork.NODE_0), Optional.of(PE_REGISTRY),
          new Path.PrivateEndpoint(SeedNetwork.ENDPOINT, SeedNetwork.REGISTRY, "registry")));
    }
    assertThat(fabric.refusals().recent()).isEmpty();
  }

  @Test
  void anIsolatedNodeCannotReachMcrAndTheRefusalNamesTheOutboundType() throws Exception {
    fabric.attach(SeedNetwork.node(0));
    long started = System.nanoTime();

    assertThatThrownBy(() -> fabric.connect(SeedNetwork.node(0).nodeId(), MCR, 443, SHORT))
        .isInstanceOf(FabricTimeoutException.class)
        .hasMessage("Connect timed out: outboundType none, subnet aks defaultOutboundAccess false: "
            + "no egress to 20.62.0.5 (mcr.microsoft.com) port 443");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT);
    assertThat(mcr.next(Duration.ofMillis(100))).isEmpty();
    assertThat(fabric.refusals().recent()).singleElement().satisfies(r -> {
      assertThat(r.nodeId()).isEqualTo(SeedNetwork.node(0).nodeId());
      assertThat(r.destination()).isEqualTo(MCR);
      assertThat(r.port()).isEqualTo(443);
      assertThat(r.failure()).isEqualTo(Failure.UNREACHABLE);
      assertThat(r.policy()).startsWith("outboundType none");
    });
  }

  @Test
  void changingTheOutboundTypeToLoadBalancerOpensTheWayOnTheNextConnection() throws Exception {
    fabric.attach(SeedNetwork.node(0));
    assertThatThrownBy(() -> fabric.connect(SeedNetwork.node(0).nodeId(), MCR, 443, SHORT))
        .isInstanceOf(FabricTimeoutException.class);

    catalog.put(new Cluster(SeedNetwork.CLUSTER, OutboundType.LOAD_BALANCER));

    try (Socket socket = fabric.connect(SeedNetwork.node(0).nodeId(), MCR, 443, WAIT)) {
      assertThat(mcr.next(WAIT).orElseThrow().origin()).hasValueSatisfying(o -> {
        assertThat(o.path()).isEqualTo(new Path.Public(Optional.of(Egress.LOAD_BALANCER)));
        assertThat(o.destination()).contains(MCR);
      });
    }
  }

  @Test
  void theRegistrysPublicAddressIsRoutedWhenThereIsEgressAndTheOriginSaysPublic() throws Exception {
    catalog.put(new Cluster(SeedNetwork.CLUSTER, OutboundType.LOAD_BALANCER));
    fabric.attach(SeedNetwork.node(0));

    // publicNetworkAccess is Disabled: refusing is the registry's job, knowing the path is the fabric's
    try (Socket socket = fabric.connect(SeedNetwork.node(0).nodeId(), REGISTRY_PUBLIC, 443, WAIT)) {
      Origin origin = registry.next(WAIT).orElseThrow().origin().orElseThrow();
      assertThat(origin.viaPrivateEndpoint()).isFalse();
      assertThat(origin.path()).isInstanceOf(Path.Public.class);
      assertThat(origin.destination()).contains(REGISTRY_PUBLIC);
    }
  }

  @Test
  void twoNodesHaveDistinctSourceAddressesTheListenerSees() throws Exception {
    InetAddress first = fabric.attach(SeedNetwork.node(0));
    InetAddress second = fabric.attach(SeedNetwork.node(1));

    try (Socket a = fabric.connect(SeedNetwork.node(0).nodeId(), PE_REGISTRY, 443, WAIT);
        Socket b = fabric.connect(SeedNetwork.node(1).nodeId(), SeedNetwork.PE_DATA, 443, WAIT)) {
      Listener.Accepted one = registry.next(WAIT).orElseThrow();
      Listener.Accepted two = registry.next(WAIT).orElseThrow();

      assertThat(first).isNotEqualTo(second);
      assertThat(first.getHostAddress()).isEqualTo("127.64.0.1");
      assertThat(second.getHostAddress()).isEqualTo("127.64.0.2");
      assertThat(java.util.Set.of(one.peerAddress(), two.peerAddress())).containsExactlyInAnyOrder(first, second);
      Listener.Accepted fromSecond = one.peerAddress().equals(second) ? one : two;
      assertThat(fromSecond.origin().orElseThrow().nodeId()).contains(SeedNetwork.node(1).nodeId());
      assertThat(fromSecond.origin().orElseThrow().path())
          .isEqualTo(new Path.PrivateEndpoint(SeedNetwork.ENDPOINT, SeedNetwork.REGISTRY, "registry_data_eastus"));
    }
  }

  @Test
  void aClosedConnectionIsForgotten() throws Exception {
    fabric.attach(SeedNetwork.node(0));
    InetSocketAddress peer;
    try (Socket socket = fabric.connect(SeedNetwork.node(0).nodeId(), PE_REGISTRY, 443, WAIT)) {
      peer = (InetSocketAddress) socket.getLocalSocketAddress();
      assertThat(fabric.origin(peer)).isPresent();
    }

    assertThat(fabric.origin(peer)).isEmpty();
    assertThat(fabric.openConnections()).isZero();
  }

  @Test
  void aConnectionFromTheHostIsTheInternet() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(registry.address(), 5000);

      assertThat(registry.next(WAIT).orElseThrow().origin()).contains(Origin.internet());
    }
  }

  @Test
  void aPortNobodyServesOnAnotherNodeIsRefusedAtOnce() throws Exception {
    fabric.attach(SeedNetwork.node(0));
    fabric.attach(SeedNetwork.node(1));

    assertThatThrownBy(() -> fabric.connect(SeedNetwork.node(0).nodeId(), SeedNetwork.NODE_1, 22, Duration.ofSeconds(30)))
        .isInstanceOf(FabricConnectException.class)
        .hasMessage("Connection refused: no listener: nothing listens on 192.168.1.5 port 22")
        .satisfies(e -> assertThat(((RefusedByFabric) e).refusal().failure()).isEqualTo(Failure.REFUSED));
  }

  @Test
  void aListenerThatIsDownRefusesAndIsLogged() throws Exception {
    InetSocketAddress dead;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = new InetSocketAddress(gone.getInetAddress(), gone.getLocalPort());
    }
    services.register(PE_REGISTRY, 443, dead);
    fabric.attach(SeedNetwork.node(0));

    assertThatThrownBy(() -> fabric.connect(SeedNetwork.node(0).nodeId(), PE_REGISTRY, 443, WAIT))
        .isInstanceOf(FabricConnectException.class)
        .hasMessageContaining("listener down");
    assertThat(fabric.refusals().recent()).singleElement()
        .satisfies(r -> assertThat(r.policy()).isEqualTo("listener down"));
    assertThat(fabric.openConnections()).isZero();
  }

  @Test
  void theRefusalLogKeepsOnlyTheMostRecent() throws Exception {
    fabric.attach(SeedNetwork.node(0));
    fabric.attach(SeedNetwork.node(1));

    for (int port = 1; port <= 5; port++) {
      int p = port;
      assertThatThrownBy(() -> fabric.connect(SeedNetwork.node(0).nodeId(), SeedNetwork.NODE_1, p, WAIT))
          .isInstanceOf(FabricConnectException.class);
    }

    assertThat(fabric.refusals().capacity()).isEqualTo(3);
    assertThat(fabric.refusals().recent()).extracting(Refusal::port).containsExactly(3, 4, 5);
  }

  @Test
  void detachingFreesTheSourceAddressAndTheNodeCannotConnect() throws Exception {
    InetAddress first = fabric.attach(SeedNetwork.node(0));
    fabric.detach(SeedNetwork.node(0).nodeId());

    assertThatThrownBy(() -> fabric.connect(SeedNetwork.node(0).nodeId(), PE_REGISTRY, 443, WAIT))
        .isInstanceOf(IllegalStateException.class);
    assertThat(fabric.sourceAddress(SeedNetwork.node(0).nodeId())).isEmpty();
    assertThat(fabric.attach(SeedNetwork.node(1))).isEqualTo(first);
  }

  @Test
  void twoNodesCannotHoldOneAddress() {
    fabric.attach(SeedNetwork.node(0));
    var impostor = dev.isla.fabric.route.NodePosition.of("impostor", SeedNetwork.CLUSTER,
        SeedNetwork.AKS_SUBNET, SeedNetwork.NODE_0);

    assertThatThrownBy(() -> fabric.attach(impostor)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already holds 192.168.1.4");
  }

  @Test
  void aListenerMustBeLoopback() {
    assertThatThrownBy(() -> services.register(MCR, 443, new InetSocketAddress(MCR.inet(), 443)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoopbackDialer.dial(InetAddress.getLoopbackAddress(),
        new InetSocketAddress(LogicalAddress.parse("20.62.0.5").inet(), 443), SHORT, p -> {}, () -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void dnsDatagramsGoToTheVnetsResolverEvenFromABlockedCluster() throws Exception {
    catalog.put(new Cluster(SeedNetwork.CLUSTER, OutboundType.BLOCK));
    InetSocketAddress vnetDns = new InetSocketAddress("127.0.0.53", 5353);
    services.register(SeedNetwork.VNET, LogicalAddress.AZURE_DNS, 53, vnetDns);
    InetAddress source = fabric.attach(SeedNetwork.node(0));

    DatagramRoute route = fabric.datagramRoute(SeedNetwork.node(0).nodeId(),
        LogicalAddress.AZURE_DNS, 53, SHORT);

    assertThat(route).isEqualTo(new DatagramRoute(source, vnetDns, new Path.Platform()));
    assertThatThrownBy(() -> fabric.datagramRoute(SeedNetwork.node(0).nodeId(), MCR, 53, SHORT))
        .isInstanceOf(FabricTimeoutException.class)
        .hasMessageContaining("outboundType block: no egress to 20.62.0.5 (mcr.microsoft.com)");
  }

  @Test
  void aCatalogThatFailsMakesTheConnectionUnreachableNotTheFabricFail() throws Exception {
    var broken = new Fabric(new dev.isla.fabric.catalog.FabricCatalog() {
      @Override
      public Optional<dev.isla.fabric.catalog.VirtualNetwork> virtualNetwork(dev.isla.arm.ResourceId id) {
        throw new IllegalStateException("store closed");
      }

      @Override
      public Optional<dev.isla.fabric.catalog.Subnet> subnet(dev.isla.arm.ResourceId id) {
        return catalog.subnet(id);
      }

      @Override
      public Optional<Cluster> cluster(dev.isla.arm.ResourceId id) {
        return catalog.cluster(id);
      }

      @Override
      public java.util.List<dev.isla.fabric.catalog.PrivateEndpointAddress> privateEndpointAddresses(
          dev.isla.arm.ResourceId vnet) {
        return catalog.privateEndpointAddresses(vnet);
      }

      @Override
      public java.util.List<dev.isla.fabric.catalog.Registry> registries() {
        return catalog.registries();
      }

      @Override
      public java.util.List<dev.isla.fabric.catalog.PublicService> publicServices() {
        return catalog.publicServices();
      }
    }, services);
    broken.attach(SeedNetwork.node(0));

    assertThatThrownBy(() -> broken.connect(SeedNetwork.node(0).nodeId(), PE_REGISTRY, 443, SHORT))
        .isInstanceOf(FabricTimeoutException.class)
        .hasMessage("Connect timed out: catalog: the topology could not be read (store closed)");
  }

  @Test
  void aHundredNodesConnectAtOnceAndEachIsRecognised() throws Exception {
    int count = 100;
    for (int i = 0; i < count; i++) {
      fabric.attach(dev.isla.fabric.route.NodePosition.of("node-" + i, SeedNetwork.CLUSTER,
          SeedNetwork.AKS_SUBNET, LogicalAddress.parse("192.168.1." + (10 + i))));
    }
    java.util.List<Socket> sockets = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        String node = "node-" + i;
        threads.submit(() -> sockets.add(fabric.connect(node, PE_REGISTRY, 443, WAIT)));
      }
    }
    try {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < count; i++) {
        Listener.Accepted accepted = registry.next(WAIT).orElseThrow();
        Origin origin = accepted.origin().orElseThrow();
        assertThat(fabric.sourceAddress(origin.nodeId().orElseThrow())).contains(accepted.peerAddress());
        seen.add(origin.nodeId().orElseThrow());
      }
      assertThat(seen).hasSize(count);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
    assertThat(fabric.openConnections()).isZero();
  }
}
