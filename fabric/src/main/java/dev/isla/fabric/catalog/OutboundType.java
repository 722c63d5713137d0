package dev.isla.fabric.catalog;

import java.util.Arrays;
import java.util.Locale;

/**
 * A managed cluster's {@code networkProfile.outboundType} (research/aks-isolation.md §1.2): how
 * AKS gives the nodes a path to the internet, if at all.
 */
public enum OutboundType {
  /** Standard load balancer outbound rules with an AKS-assigned public IP. */
  LOAD_BALANCER("loadBalancer"),
  /** A NAT gateway AKS creates on its managed VNet's subnet. */
  MANAGED_NAT_GATEWAY("managedNATGateway"),
  /** The StandardV2 flavour of the managed NAT gateway. */
  MANAGED_NAT_GATEWAY_V2("managedNATGatewayV2"),
  /** The user's NAT gateway, associated with the node subnet (BYO VNet). */
  USER_ASSIGNED_NAT_GATEWAY("userAssignedNATGateway"),
  /** The user's route table (towards a firewall or appliance) on the node subnet. */
  USER_DEFINED_ROUTING("userDefinedRouting"),
  /** AKS configures no egress; nodes follow Azure VM default outbound behaviour. */
  NONE("none"),
  /** AKS adds NSG rules that deny all internet egress (preview, managed VNet only). */
  BLOCK("block");

  private final String wireName;

  OutboundType(String wireName) {
    this.wireName = wireName;
  }

  /** The value as ARM writes it, e.g. {@code userDefinedRouting}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses the wire value, case-insensitively as the AKS RP accepts it.
   *
   * @throws IllegalArgumentException for an unknown value
   */
  public static OutboundType parse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(t -> t.wireName.toLowerCase(Locale.ROOT).equals(lower))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown outboundType '" + text + "'"));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
