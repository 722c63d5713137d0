package dev.isla.controlplane.rp.containerservice;

import dev.isla.arm.ResourceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * The names AKS derives from a cluster's id: DNS names of its API server, its node resource
 * group, scale sets, managed VNet and managed registry. All are deterministic (a hash of the
 * cluster id), so a retried or resumed operation finds what it created before.
 *
 * @param cluster the managed cluster's id
 * @param location its region
 */
record ClusterNames(ResourceId cluster, String location) {

  /** 8 hex characters of the cluster id's hash, the suffix AKS puts on its FQDNs. */
  String fqdnHash() {
    return hex(cluster.key()).substring(0, 8);
  }

  /** 8 decimal digits, as in {@code aks-nodepool1-12345678-vmss} and {@code aks-vnet-12345678}. */
  String digits() {
    long n = Long.parseLong(hex("digits:" + cluster.key()).substring(0, 12), 16);
    return String.format("%08d", n % 100_000_000L);
  }

  /** {@code az aks create}'s default: name[:10]-rg[:16]-sub[:6], non-alphanumerics as hyphens. */
  String defaultDnsPrefix() {
    String name = cluster.name();
    String rg = cluster.resourceGroup().orElse("");
    String prefix = name.substring(0, Math.min(10, name.length())) + "-"
        + rg.substring(0, Math.min(16, rg.length())) + "-" + cluster.subscriptionId().substring(0, 6);
    String cleaned = prefix.replaceAll("[^A-Za-z0-9-]", "-");
    return Character.isLetter(cleaned.charAt(0)) ? cleaned : "a" + cleaned;
  }

  String fqdn(String dnsPrefix) {
    return (dnsPrefix + "-" + fqdnHash() + ".hcp." + location + ".azmk8s.io").toLowerCase(Locale.ROOT);
  }

  String portalFqdn(String dnsPrefix) {
    return (dnsPrefix + "-" + fqdnHash() + ".portal.hcp." + location + ".azmk8s.io").toLowerCase(Locale.ROOT);
  }

  /**
   * A private cluster's API server name: zone {@code privatelink.<region>.azmk8s.io}, or
   * {@code private.<region>.azmk8s.io} with API server VNet integration (as Azure shows it).
   */
  String privateFqdn(String dnsPrefix, boolean vnetIntegration) {
    String zone = vnetIntegration ? "private" : "privatelink";
    return (dnsPrefix + "-" + fqdnHash() + "." + guid("private-fqdn") + "." + zone + "." + location
        + ".azmk8s.io").toLowerCase(Locale.ROOT);
  }

  /** {@code MC_<rg>_<name>_<location>}, cut to ARM's 80 characters. */
  String nodeResourceGroup() {
    String name = "MC_" + cluster.resourceGroup().orElse("") + "_" + cluster.name() + "_" + location;
    return name.length() <= 80 ? name : name.substring(0, 80);
  }

  ResourceId nodeResourceGroupId(String nodeResourceGroup) {
    return ResourceId.resourceGroup(cluster.subscriptionId(), nodeResourceGroup);
  }

  String scaleSet(String pool) {
    return "aks-" + pool + "-" + digits() + "-vmss";
  }

  ResourceId kubeletIdentity(String nodeResourceGroup) {
    return ResourceId.of(cluster.subscriptionId(), nodeResourceGroup, "Microsoft.ManagedIdentity",
        "userAssignedIdentities", cluster.name() + "-agentpool");
  }

  ResourceId managedVnet(String nodeResourceGroup) {
    return ResourceId.of(cluster.subscriptionId(), nodeResourceGroup, "Microsoft.Network",
        "virtualNetworks", "aks-vnet-" + digits());
  }

  ResourceId managedSubnet(String nodeResourceGroup) {
    return managedVnet(nodeResourceGroup).child("subnets", "aks-subnet");
  }

  /** The AKS-managed registry: its name carries the keyword {@code bootstrap} (research §1.1). */
  ResourceId managedRegistry(String nodeResourceGroup) {
    return ResourceId.of(cluster.subscriptionId(), nodeResourceGroup,
        "Microsoft.ContainerRegistry", "registries", "aksbootstrap" + hex(cluster.key()).substring(0, 10));
  }

  ResourceId managedRegistryEndpoint(String nodeResourceGroup) {
    return ResourceId.of(cluster.subscriptionId(), nodeResourceGroup, "Microsoft.Network",
        "privateEndpoints", "aks-bootstrap-acr-pe-" + digits());
  }

  ResourceId registryZone(String nodeResourceGroup) {
    return ResourceId.of(cluster.subscriptionId(), nodeResourceGroup, "Microsoft.Network",
        "privateDnsZones", "privatelink.azurecr.io");
  }

  /** A stable GUID for something of this cluster (role assignment names, principal ids). */
  String guid(String purpose) {
    return UUID.nameUUIDFromBytes((purpose + ":" + cluster.key()).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
