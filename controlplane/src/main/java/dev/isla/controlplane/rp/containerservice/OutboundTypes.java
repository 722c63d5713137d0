package dev.isla.controlplane.rp.containerservice;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code networkProfile.outboundType}: its values (accepted in any case, stored in Azure's
 * spelling) and which changes an update may make (research/aks-isolation.md §1.2).
 */
final class OutboundTypes {

  static final String LOAD_BALANCER = "loadBalancer";
  static final String NONE = "none";
  static final String BLOCK = "block";

  private static final List<String> ALL = List.of(LOAD_BALANCER, "userDefinedRouting",
      "managedNATGateway", "userAssignedNATGateway", NONE, BLOCK);

  /** Managed VNet: the migrations Azure supports (§1.2). */
  private static final Map<String, Set<String>> MANAGED_VNET = Map.of(
      NONE, Set.of(LOAD_BALANCER, "managedNATGateway", BLOCK),
      BLOCK, Set.of(LOAD_BALANCER, "managedNATGateway", NONE),
      LOAD_BALANCER, Set.of(NONE, BLOCK, "managedNATGateway"),
      "managedNATGateway", Set.of(NONE, BLOCK, LOAD_BALANCER));

  /** BYO VNet: these four can go to each other; nothing goes to block. */
  private static final Set<String> BYO_VNET =
      Set.of(LOAD_BALANCER, "userAssignedNATGateway", "userDefinedRouting", NONE);

  private OutboundTypes() {}

  /** The canonical spelling ({@code LoadBalancer} → {@code loadBalancer}); InvalidParameter otherwise. */
  static String canonical(String requested) {
    return ALL.stream().filter(t -> t.equalsIgnoreCase(requested.strip())).findFirst()
        .orElseThrow(() -> ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
            "The value of parameter networkProfile.outboundType is invalid: '" + requested
                + "'. Allowed values are " + String.join(", ", ALL) + ".").target("networkProfile.outboundType"));
  }

  static boolean isolated(String outboundType) {
    return outboundType.equals(NONE) || outboundType.equals(BLOCK);
  }

  /** Which outbound types fit the VNet at all (create and update). */
  static void checkFitsVnet(String type, boolean byoVnet) {
    if (type.equals(BLOCK) && byoVnet) {
      throw ArmException.of(ArmErrorCode.NETWORK_ISOLATION_INVALID,
          "Outbound type 'block' is only supported with an AKS-managed virtual network; with a custom "
              + "virtual network (agentPoolProfiles.vnetSubnetID) use outbound type 'none' and your own "
              + "network security rules.");
    }
    boolean needsByo = type.equals("userDefinedRouting") || type.equals("userAssignedNATGateway");
    if (needsByo && !byoVnet) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "Outbound type '" + type + "' requires a custom virtual network: set agentPoolProfiles.vnetSubnetID.")
          .target("networkProfile.outboundType");
    }
    if (type.equals("managedNATGateway") && byoVnet) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "Outbound type 'managedNATGateway' is only supported with an AKS-managed virtual network; use "
              + "'userAssignedNATGateway' with a custom virtual network.").target("networkProfile.outboundType");
    }
  }

  /** An update from {@code from} to {@code to}; refuses what the migration matrix does not list. */
  static void checkMigration(String from, String to, boolean byoVnet) {
    if (from.equals(to)) {
      return;
    }
    checkFitsVnet(to, byoVnet);
    boolean allowed = byoVnet ? BYO_VNET.contains(from) && BYO_VNET.contains(to)
        : MANAGED_VNET.getOrDefault(from, Set.of()).contains(to);
    if (!allowed) {
      throw ArmException.of(ArmErrorCode.AKS_OUTBOUND_MIGRATION_NOT_SUPPORTED,
          "Updating outboundType from '" + from + "' to '" + to + "' is not supported for a cluster with "
              + (byoVnet ? "a custom" : "an AKS-managed") + " virtual network. See https://aka.ms/aks/outbound-type-migration.");
    }
  }
}
