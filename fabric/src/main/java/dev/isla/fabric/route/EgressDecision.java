package dev.isla.fabric.route;

import java.util.Optional;

/**
 * Whether a node may leave its VNet for the internet, and the policy that decided it.
 *
 * @param egress the path out; empty when there is none
 * @param policy the rule that decided, as a refusal names it (e.g. {@code outboundType none})
 */
public record EgressDecision(Optional<Egress> egress, String policy) {

  static EgressDecision allow(Egress egress, String policy) {
    return new EgressDecision(Optional.of(egress), policy);
  }

  static EgressDecision deny(String policy) {
    return new EgressDecision(Optional.empty(), policy);
  }

  public boolean allowed() {
    return egress.isPresent();
  }
}
