package dev.isla.nodes.boot;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a cold node pulls, as MCR-relative references (research/aks-isolation.md §2 items 5 and
 * 8): the {@code kubernetes-node} binaries and the credential provider as ORAS artifacts, the
 * pause image, then the component images containerd pulls through the mirror. The MCR stand-in
 * serves exactly these; {@link #forVersion} is the one place the tags are chosen.
 */
public record BootArtifacts(ImageRef kubernetesNode, ImageRef credentialProvider, ImageRef pause,
    List<ImageRef> components) {

  public BootArtifacts {
    components = List.copyOf(components);
  }

  /**
   * The set for a Kubernetes version, with the tags the MCR stand-in publishes (its
   * {@code StandInTable}; {@code StandInContractIT} fails when the two drift): binaries
   * {@code v<version>-linux-amd64}, the credential provider and CoreDNS per Kubernetes minor,
   * pause {@code 3.10.2}, the Azure CNI {@code v1.6.43-0} [I: exact per-version set].
   */
  public static BootArtifacts forVersion(String kubernetesVersion) {
    String v = "v" + kubernetesVersion;
    int minor = Integer.parseInt(kubernetesVersion.split("\\.")[1]);
    return new BootArtifacts(
        ImageRef.parse("oss/binaries/kubernetes/kubernetes-node:" + v + "-linux-amd64"),
        ImageRef.parse("oss/binaries/kubernetes/azure-acr-credential-provider:v"
            + floor(CREDENTIAL_PROVIDER, minor) + "-linux-amd64"),
        ImageRef.parse("oss/v2/kubernetes/pause:3.10.2"),
        List.of(ImageRef.parse("oss/v2/kubernetes/kube-proxy:" + v),
            ImageRef.parse("oss/v2/kubernetes/coredns:" + floor(COREDNS, minor)),
            ImageRef.parse("containernetworking/azure-cni:v1.6.43-0"),
            ImageRef.parse("containernetworking/azure-cns:v1.6.43-0")));
  }

  private static final NavigableMap<Integer, String> COREDNS = new TreeMap<>(Map.of(
      29, "v1.11.3-9", 31, "v1.11.3-32", 33, "v1.12.1-25"));
  private static final NavigableMap<Integer, String> CREDENTIAL_PROVIDER = new TreeMap<>(Map.of(
      29, "1.29.15", 30, "1.30.14", 31, "1.31.8", 32, "1.32.7", 33, "1.33.3"));

  /** The row for {@code minor}: the newest not above it, else the oldest. */
  private static String floor(NavigableMap<Integer, String> table, int minor) {
    Map.Entry<Integer, String> row = table.floorEntry(minor);
    return (row != null ? row : table.firstEntry()).getValue();
  }

  /** Every reference, in pull order. */
  public List<ImageRef> all() {
    List<ImageRef> out = new java.util.ArrayList<>(List.of(kubernetesNode, credentialProvider,
        pause));
    out.addAll(components);
    return out;
  }
}
