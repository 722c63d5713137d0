package dev.isla.fabric.route;

import static dev.isla.fabric.SeedNetwork.MCR;
import static dev.isla.fabric.SeedNetwork.NODE_1;
import static dev.isla.fabric.SeedNetwork.PE_REGISTRY;
import static dev.isla.fabric.SeedNetwork.REGISTRY_PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fabric.SeedNetwork;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.InMemoryFabricCatalog;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.catalog.PrivateEndpointAddress;
import dev.isla.fabric.route.Decision.Failure;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where a node's connection goes: the destination kinds × the egress table. Opens nothing. */
class ReachabilityTest {

  private static final InetSocketAddress REGISTRY_LISTENER = new InetSocketAddress("127.0.0.1", 5000);
  private static final InetSocketAddress MCR_LISTENER = new InetSocketAddress("127.0.0.1", 6000);
  private static final InetSocketAddress KUBELET = new InetSocketAddress("127.0.0.1", 7000);
  private static final InetSocketAddress DNS_VNET = new InetSocketAddress("127.0.0.53", 5353);
  private static final InetSocketAddress DNS_OTHER = new InetSocketAddress("127.0.0.54", 5353);

  private static ServiceMap services() {
    ServiceMap services = new ServiceMap();
    services.register(PE_REGISTRY, 443, REGISTRY_LISTENER);
    services.register(SeedNetwork.PE_DATA, 443, REGISTRY_LISTENER);
    services.register(REGISTRY_PUBLIC, 443, REGISTRY_LISTENER);
    services.register(MCR, 443, MCR_LISTENER);
    services.register(SeedNetwork.VNET, NODE_1, 10250, KUBELET);
    services.register(SeedNetwork.VNET, LogicalAddress.AZURE_DNS, 53, DNS_VNET);
    services.register(SeedNetwork.OTHER_VNET, LogicalAddress.AZURE_DNS, 53, DNS_OTHER);
    return services;
  }

  private static Reachability reachability(InMemoryFabricCatalog catalog) {
    return new Reachability(catalog, services(),
        (vnet, ip) -> vnet.equals(SeedNetwork.VNET) && (ip.equals(SeedNetwork.NODE_0) || ip.equals(NODE_1)));
  }

  private static Decision decide(OutboundType type, boolean doa, LogicalAddress to, int port) {
    return reachability(SeedNetwork.catalog(type, doa)).decide(SeedNetwork.node(0), to, port);
  }

  static Stream<Arguments> outboundTable() {
    return Stream.of(OutboundType.values()).flatMap(t -> Stream.of(
        Arguments.of(t, true), Arguments.of(t, false)));
  }

  @ParameterizedTest(name = "{0}, defaultOutboundAccess {1}: VNet and private endpoint reachable")
  @MethodSource("outboundTable")
  void vnetAndPrivateEndpointNeedNoEgress(OutboundType type, boolean doa) {
    assertThat(decide(type, doa, NODE_1, 10250)).isEqualTo(new Decision.Route(KUBELET, new Path.VNet()));
    assertThat(decide(type, doa, PE_REGISTRY, 443)).isEqualTo(new Decision.Route(REGISTRY_LISTENER,
        new Path.PrivateEndpoint(SeedNetwork.ENDPOINT, SeedNetwork.REGISTRY, "registry")));
    assertThat(decide(type, doa, LogicalAddress.AZURE_DNS, 53))
        .isEqualTo(new Decision.Route(DNS_VNET, new Path.Platform()));
  }

  @ParameterizedTest(name = "{0}, defaultOutboundAccess {1}: public address")
  @MethodSource("outboundTable")
  void publicAddressNeedsEgress(OutboundType type, boolean doa) {
    boolean egress = switch (type) {
      case LOAD_BALANCER, MANAGED_NAT_GATEWAY, MANAGED_NAT_GATEWAY_V2 -> true;
      case NONE, USER_ASSIGNED_NAT_GATEWAY, USER_DEFINED_ROUTING -> doa;
      case BLOCK -> false;
    };

    Decision toMcr = decide(type, doa, MCR, 443);
    Decision toRegistry = decide(type, doa, REGISTRY_PUBLIC, 443);

    if (egress) {
      assertThat(toMcr).isInstanceOf(Decision.Route.class);
      assertThat(((Decision.Route) toMcr).listener()).isEqualTo(MCR_LISTENER);
      // the registry refuses the public path itself (publicNetworkAccess Disabled): the fabric routes
      assertThat(((Decision.Route) toRegistry).path()).isInstanceOf(Path.Public.class);
    } else {
      assertThat(toMcr).isInstanceOfSatisfying(Decision.Refuse.class, r -> {
        assertThat(r.failure()).isEqualTo(Failure.UNREACHABLE);
        assertThat(r.reason()).startsWith("outboundType " + type.wireName())
            .endsWith("no egress to 20.62.0.5 (mcr.microsoft.com) port 443");
      });
      assertThat(toRegistry).isInstanceOfSatisfying(Decision.Refuse.class,
          r -> assertThat(r.reason()).contains("20.50.0.10 (myacr.azurecr.io)"));
    }
  }

  @Test
  void isolatedClusterRefusalNamesTheOutboundTypeAndTheSubnet() {
    Decision.Refuse refuse = (Decision.Refuse) decide(OutboundType.NONE, false, MCR, 443);

    assertThat(refuse.policy()).isEqualTo("outboundType none, subnet aks defaultOutboundAccess false");
    assertThat(refuse.reason()).isEqualTo("outboundType none, subnet aks defaultOutboundAccess false: "
        + "no egress to 20.62.0.5 (mcr.microsoft.com) port 443");
  }

  @Test
  void publicPathReportsTheEgressUsed() {
    Decision.Route route = (Decision.Route) decide(OutboundType.NONE, true, MCR, 443);

    assertThat(route.path()).isEqualTo(new Path.Public(Optional.of(Egress.DEFAULT_OUTBOUND_ACCESS)));
  }

  @Test
  void aPortNobodyServesOnAnExistingHostIsRefused() {
    Decision.Refuse onNode = (Decision.Refuse) decide(OutboundType.NONE, false, NODE_1, 22);
    Decision.Refuse onEndpoint = (Decision.Refuse) decide(OutboundType.NONE, false, PE_REGISTRY, 80);

    assertThat(onNode.failure()).isEqualTo(Failure.REFUSED);
    assertThat(onNode.reason()).isEqualTo("no listener: nothing listens on 192.168.1.5 port 22");
    assertThat(onEndpoint.failure()).isEqualTo(Failure.REFUSED);
  }

  @Test
  void aVnetAddressNoHostHoldsIsUnreachable() {
    Decision.Refuse refuse = (Decision.Refuse) decide(OutboundType.LOAD_BALANCER, true,
        LogicalAddress.parse("192.168.1.77"), 443);

    assertThat(refuse.failure()).isEqualTo(Failure.UNREACHABLE);
    assertThat(refuse.reason()).isEqualTo("no host: no host holds 192.168.1.77 in VNet vnet");
  }

  @Test
  void anotherVnetsAddressesAreUnreachableEvenWithEgress() {
    Decision.Refuse refuse = (Decision.Refuse) decide(OutboundType.LOAD_BALANCER, true,
        LogicalAddress.parse("10.1.0.4"), 443);

    assertThat(refuse.failure()).isEqualTo(Failure.UNREACHABLE);
    assertThat(refuse.policy()).isEqualTo("no route");
  }

  @Test
  void aPrivateEndpointOfAnotherVnetIsUnreachable() {
    InMemoryFabricCatalog catalog = SeedNetwork.catalog(OutboundType.LOAD_BALANCER, true)
        .put(new PrivateEndpointAddress(SeedNetwork.ENDPOINT, SeedNetwork.OTHER_SUBNET,
            LogicalAddress.parse("10.1.0.4"), SeedNetwork.REGISTRY, "registry", true));

    assertThat(reachability(catalog).decide(SeedNetwork.node(0), LogicalAddress.parse("10.1.0.4"), 443))
        .isInstanceOf(Decision.Refuse.class);
  }

  @Test
  void aPendingPrivateEndpointCarriesNoTraffic() {
    InMemoryFabricCatalog catalog = SeedNetwork.catalog(OutboundType.NONE, false)
        .put(new PrivateEndpointAddress(SeedNetwork.ENDPOINT, SeedNetwork.ACR_SUBNET, PE_REGISTRY,
            SeedNetwork.REGISTRY, "registry", false));

    Decision.Refuse refuse = (Decision.Refuse) reachability(catalog).decide(SeedNetwork.node(0), PE_REGISTRY, 443);

    assertThat(refuse.failure()).isEqualTo(Failure.UNREACHABLE);
    assertThat(refuse.policy()).isEqualTo("private endpoint connection");
  }

  @Test
  void azureDnsAnswersPerVnetAndImdsOnlyWhereServed() {
    Decision other = reachability(SeedNetwork.catalog(OutboundType.NONE, false)).decide(
        new NodePosition("n", SeedNetwork.CLUSTER, SeedNetwork.OTHER_VNET, SeedNetwork.OTHER_SUBNET,
            LogicalAddress.parse("10.1.0.4"), false), LogicalAddress.AZURE_DNS, 53);

    assertThat(other).isEqualTo(new Decision.Route(DNS_OTHER, new Path.Platform()));
    assertThat(decide(OutboundType.BLOCK, false, LogicalAddress.IMDS, 80))
        .isInstanceOfSatisfying(Decision.Refuse.class, r -> assertThat(r.policy()).isEqualTo("platform"));
  }

  @Test
  void anUnservedPublicAddressIsUnreachableWithEgress() {
    Decision.Refuse refuse = (Decision.Refuse) decide(OutboundType.LOAD_BALANCER, true,
        LogicalAddress.parse("8.8.8.8"), 443);

    assertThat(refuse.failure()).isEqualTo(Failure.UNREACHABLE);
    assertThat(refuse.reason()).isEqualTo("internet: Isla simulates nothing on 8.8.8.8 port 443");
  }

  @Test
  void theNodesOwnLoopbackIsRefused() {
    assertThat(decide(OutboundType.LOAD_BALANCER, true, LogicalAddress.parse("127.0.0.1"), 443))
        .isInstanceOfSatisfying(Decision.Refuse.class,
            r -> assertThat(r.failure()).isEqualTo(Failure.REFUSED));
  }

  @Test
  void aDeletedClusterHasNoEgressButKeepsItsVnet() {
    InMemoryFabricCatalog catalog = SeedNetwork.catalog(OutboundType.LOAD_BALANCER, true);
    catalog.remove(SeedNetwork.CLUSTER);

    assertThat(reachability(catalog).decide(SeedNetwork.node(0), MCR, 443)).isInstanceOf(Decision.Refuse.class);
    assertThat(reachability(catalog).decide(SeedNetwork.node(0), PE_REGISTRY, 443)).isInstanceOf(Decision.Route.class);
  }

  @Test
  void aVnetAddressSpaceMayHoldPublicRanges() {
    InMemoryFabricCatalog catalog = SeedNetwork.catalog(OutboundType.BLOCK, false)
        .put(new dev.isla.fabric.catalog.VirtualNetwork(SeedNetwork.VNET, java.util.List.of(
            dev.isla.fabric.address.AddressPrefix.parse("192.168.0.0/16"),
            dev.isla.fabric.address.AddressPrefix.parse("20.62.0.0/24"))));

    Decision.Refuse refuse = (Decision.Refuse) reachability(catalog).decide(SeedNetwork.node(0), MCR, 443);

    assertThat(refuse.policy()).isEqualTo("no host"); // inside the VNet, so no egress is needed
  }
}
