package dev.isla.fabric.route;

/** The path by which a node's connection leaves its VNet for the internet. */
public enum Egress {
  /** Standard load balancer outbound rules ({@code outboundType loadBalancer}). */
  LOAD_BALANCER,
  /** A NAT gateway on the node subnet (managed or the user's). */
  NAT_GATEWAY,
  /** The node's own public IP. */
  INSTANCE_PUBLIC_IP,
  /** The user's route table towards their firewall ({@code userDefinedRouting}). */
  USER_DEFINED_ROUTING,
  /** Azure's implicit default outbound access of a non-private subnet. */
  DEFAULT_OUTBOUND_ACCESS
}
