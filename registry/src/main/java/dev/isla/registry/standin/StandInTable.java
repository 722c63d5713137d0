package dev.isla.registry.standin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the stand-in MCR holds — the contract is this data: the images and ORAS artifacts an AKS
 * node pulls from {@code mcr.microsoft.com} at boot (research/aks-isolation.md §2, AgentBaker's
 * {@code components.json}), for every Kubernetes version the caller supports.
 *
 * <p>Components versioned per Kubernetes minor (CoreDNS, cloud-node-manager, the ACR credential
 * provider) come from the tables below. A minor newer than a table's newest uses the newest row,
 * an older one the oldest row: a version added to the control plane still gets content, and the
 * table is where to make it exact. The tags are plausible MCR tags, not a mirror of MCR's list.
 */
public final class StandInTable {

  static final String K8S_BINARIES = "oss/binaries/kubernetes";

  /** Images every cluster uses whatever its version. */
  static final List<StandInEntry> FIXED = List.of(
      StandInEntry.image("oss/kubernetes/pause", "3.6"),
      StandInEntry.image("oss/v2/kubernetes/pause", "3.10.2"),
      StandInEntry.image("containernetworking/azure-cni", "v1.6.43-0"),
      StandInEntry.image("containernetworking/azure-cns", "v1.6.43-0"),
      StandInEntry.image("oss/v2/kubernetes/apiserver-network-proxy/agent", "v0.30.3"),
      StandInEntry.image("oss/v2/azure/ip-masq-agent-v2", "v0.1.15"));

  /** CoreDNS tag by Kubernetes minor. */
  static final NavigableMap<Integer, String> COREDNS = new TreeMap<>(Map.of(
      29, "v1.11.3-9",
      31, "v1.11.3-32",
      33, "v1.12.1-25"));

  /** cloud-node-manager tag by Kubernetes minor (cloud-provider-azure follows the minors). */
  static final NavigableMap<Integer, String> CLOUD_NODE_MANAGER = new TreeMap<>(Map.of(
      29, "v1.29.15-1",
      30, "v1.30.14-1",
      31, "v1.31.8-1",
      32, "v1.32.7-1",
      33, "v1.33.3-1"));

  /** ACR credential provider version (without {@code v}) by Kubernetes minor. */
  static final NavigableMap<Integer, String> CREDENTIAL_PROVIDER = new TreeMap<>(Map.of(
      29, "1.29.15",
      30, "1.30.14",
      31, "1.31.8",
      32, "1.32.7",
      33, "1.33.3"));

  private StandInTable() {}

  /**
   * Every row for {@code kubernetesVersions} ({@code 1.30.3} …), in a stable order without
   * duplicates: the fixed images, then each version's rows in the order given.
   *
   * @throws IllegalArgumentException when a version is not {@code <major>.<minor>.<patch>}
   */
  public static List<StandInEntry> entries(List<String> kubernetesVersions) {
    LinkedHashSet<StandInEntry> rows = new LinkedHashSet<>(FIXED);
    for (String version : kubernetesVersions) {
      rows.addAll(forVersion(version));
    }
    return List.copyOf(rows);
  }

  private static List<StandInEntry> forVersion(String version) {
    if (!version.matches("1\\.\\d{1,3}\\.\\d{1,4}")) {
      throw new IllegalArgumentException("not a Kubernetes version: " + version);
    }
    int minor = Integer.parseInt(version.split("\\.")[1]);
    String credentialProvider = lookup(CREDENTIAL_PROVIDER, minor);
    return List.of(
        StandInEntry.image("oss/v2/kubernetes/kube-proxy", "v" + version),
        StandInEntry.image("oss/v2/kubernetes/coredns", lookup(COREDNS, minor)),
        StandInEntry.image("oss/v2/kubernetes/azure-cloud-node-manager",
            lookup(CLOUD_NODE_MANAGER, minor)),
        StandInEntry.artifact(K8S_BINARIES + "/kubernetes-node", "v" + version,
            "kubernetes-node-linux-{arch}.tar.gz",
            List.of("kubernetes/node/bin/kubectl", "kubernetes/node/bin/kubelet")),
        StandInEntry.artifact(K8S_BINARIES + "/azure-acr-credential-provider",
            "v" + credentialProvider,
            "azure-acr-credential-provider-linux-{arch}-v" + credentialProvider + ".tar.gz",
            List.of("azure-acr-credential-provider")));
  }

  private static String lookup(NavigableMap<Integer, String> table, int minor) {
    Map.Entry<Integer, String> row = table.floorEntry(minor);
    return (row != null ? row : table.firstEntry()).getValue();
  }
}
