package dev.isla.fabric.route;

import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.catalog.Subnet;

/**
 * Azure's egress rules for a node, as one table (docs/FABRIC.md shows it).
 *
 * <p>Sources: research/aks-isolation.md §1.2 (outbound types; {@code none}: "nodes follow Azure
 * VM default outbound behaviour"; {@code block}: NSG rules deny all internet egress; a node public
 * IP still gives egress) and Azure's "Default outbound access" article: a VM without an explicit
 * outbound method (NAT gateway on its subnet, load balancer outbound rules, its own public IP)
 * gets implicit outbound access unless its subnet is private ({@code defaultOutboundAccess:
 * false}). NAT gateway takes precedence over an instance public IP, which takes precedence over
 * load balancer outbound rules — it only changes which path is reported.
 */
public final class EgressPolicy {

  private EgressPolicy() {}

  /** Decides egress for a node of a cluster with {@code type} in {@code subnet}. */
  public static EgressDecision decide(OutboundType type, Subnet subnet, boolean instancePublicIp) {
    String outbound = "outboundType " + type.wireName();
    if (type == OutboundType.BLOCK) {
      return EgressDecision.deny(outbound);
    }
    if (subnet.natGateway() || type == OutboundType.MANAGED_NAT_GATEWAY
        || type == OutboundType.MANAGED_NAT_GATEWAY_V2) {
      return EgressDecision.allow(Egress.NAT_GATEWAY, outbound);
    }
    if (instancePublicIp) {
      return EgressDecision.allow(Egress.INSTANCE_PUBLIC_IP, outbound + ", node public IP");
    }
    if (type == OutboundType.LOAD_BALANCER) {
      return EgressDecision.allow(Egress.LOAD_BALANCER, outbound);
    }
    // Isla simulates no firewall: the user's route table is assumed to lead to one that lets
    // traffic out (the RP requires the route table before it accepts userDefinedRouting).
    if (type == OutboundType.USER_DEFINED_ROUTING && subnet.routeTable()) {
      return EgressDecision.allow(Egress.USER_DEFINED_ROUTING, outbound);
    }
    // none, userAssignedNATGateway without a NAT gateway, userDefinedRouting without a route
    // table: no explicit method, so Azure's default outbound access decides.
    if (subnet.defaultOutboundAccess()) {
      return EgressDecision.allow(Egress.DEFAULT_OUTBOUND_ACCESS,
          outbound + ", subnet " + subnet.id().name() + " defaultOutboundAccess true");
    }
    return EgressDecision.deny(outbound + ", subnet " + subnet.id().name()
        + " defaultOutboundAccess false");
  }
}
