package dev.isla.fabric.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fabric.SeedNetwork;
import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.catalog.Subnet;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The egress table of docs/FABRIC.md, row by row. */
class EgressPolicyTest {

  private static Subnet subnet(boolean defaultOutboundAccess, boolean natGateway, boolean routeTable) {
    return new Subnet(SeedNetwork.AKS_SUBNET, AddressPrefix.parse("192.168.1.0/24"),
        defaultOutboundAccess, natGateway, routeTable);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // outbound type, subnet defaultOutboundAccess, expected path (null = none)
        Arguments.of(OutboundType.LOAD_BALANCER, true, Egress.LOAD_BALANCER),
        Arguments.of(OutboundType.LOAD_BALANCER, false, Egress.LOAD_BALANCER),
        Arguments.of(OutboundType.MANAGED_NAT_GATEWAY, true, Egress.NAT_GATEWAY),
        Arguments.of(OutboundType.MANAGED_NAT_GATEWAY, false, Egress.NAT_GATEWAY),
        Arguments.of(OutboundType.MANAGED_NAT_GATEWAY_V2, false, Egress.NAT_GATEWAY),
        Arguments.of(OutboundType.USER_ASSIGNED_NAT_GATEWAY, true, Egress.DEFAULT_OUTBOUND_ACCESS),
        Arguments.of(OutboundType.USER_ASSIGNED_NAT_GATEWAY, false, null),
        Arguments.of(OutboundType.USER_DEFINED_ROUTING, true, Egress.DEFAULT_OUTBOUND_ACCESS),
        Arguments.of(OutboundType.USER_DEFINED_ROUTING, false, null),
        Arguments.of(OutboundType.NONE, true, Egress.DEFAULT_OUTBOUND_ACCESS),
        Arguments.of(OutboundType.NONE, false, null),
        Arguments.of(OutboundType.BLOCK, true, null),
        Arguments.of(OutboundType.BLOCK, false, null));
  }

  @ParameterizedTest(name = "{0}, defaultOutboundAccess {1} -> {2}")
  @MethodSource("table")
  void subnetWithoutNatGatewayOrRouteTable(OutboundType type, boolean doa, Egress expected) {
    EgressDecision decision = EgressPolicy.decide(type, subnet(doa, false, false), false);

    assertThat(decision.egress()).isEqualTo(Optional.ofNullable(expected));
    assertThat(decision.policy()).startsWith("outboundType " + type.wireName());
  }

  @Test
  void userAssignedNatGatewayOnThePrivateSubnetGivesEgress() {
    assertThat(EgressPolicy.decide(OutboundType.USER_ASSIGNED_NAT_GATEWAY, subnet(false, true, false), false)
        .egress()).contains(Egress.NAT_GATEWAY);
  }

  @Test
  void userDefinedRoutingWithItsRouteTableGivesEgressOnAPrivateSubnet() {
    assertThat(EgressPolicy.decide(OutboundType.USER_DEFINED_ROUTING, subnet(false, false, true), false)
        .egress()).contains(Egress.USER_DEFINED_ROUTING);
  }

  @Test
  void noneWithTheUsersNatGatewayHasEgress() {
    assertThat(EgressPolicy.decide(OutboundType.NONE, subnet(false, true, false), false).egress())
        .contains(Egress.NAT_GATEWAY);
  }

  @Test
  void aRouteTableAloneIsNoEgressForNone() {
    EgressDecision decision = EgressPolicy.decide(OutboundType.NONE, subnet(false, false, true), false);

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.policy()).isEqualTo("outboundType none, subnet aks defaultOutboundAccess false");
  }

  @Test
  void aNodePublicIpGivesEgressExceptWithBlock() {
    assertThat(EgressPolicy.decide(OutboundType.NONE, subnet(false, false, false), true).egress())
        .contains(Egress.INSTANCE_PUBLIC_IP);
    assertThat(EgressPolicy.decide(OutboundType.BLOCK, subnet(true, true, true), true).allowed())
        .isFalse();
  }

  @Test
  void blockNamesOnlyItself() {
    assertThat(EgressPolicy.decide(OutboundType.BLOCK, subnet(true, true, false), false).policy())
        .isEqualTo("outboundType block");
  }

  @Test
  void outboundTypesParseAsTheWireSpellsThem() {
    assertThat(OutboundType.parse("userDefinedRouting")).isEqualTo(OutboundType.USER_DEFINED_ROUTING);
    assertThat(OutboundType.parse("LoadBalancer")).isEqualTo(OutboundType.LOAD_BALANCER);
    assertThat(OutboundType.parse("none")).isEqualTo(OutboundType.NONE);
  }
}
