package dev.isla.nodes.boot;

import java.util.List;

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
   * The set for a Kubernetes version: binaries {@code v<version>-linux-amd64}, kube-proxy
   * {@code v<version>}; pause, CoreDNS and the Azure CNI at the tags current AKS components
   * list (a node image carries one version of each) [I: exact per-version set].
   */
  public static BootArtifacts forVersion(String kubernetesVersion) {
    String v = "v" + kubernetesVersion;
    return new BootArtifacts(
        ImageRef.parse("oss/binaries/kubernetes/kubernetes-node:" + v + "-linux-amd64"),
        ImageRef.parse("oss/binaries/kubernetes/azure-acr-credential-provider:" + v
            + "-linux-amd64"),
        ImageRef.parse("oss/v2/kubernetes/pause:3.10.2"),
        List.of(ImageRef.parse("oss/v2/kubernetes/kube-proxy:" + v),
            ImageRef.parse("oss/v2/kubernetes/coredns:v1.11.3-2"),
            ImageRef.parse("containernetworking/azure-cni:v1.6.21"),
            ImageRef.parse("containernetworking/azure-cns:v1.6.21")));
  }

  /** Every reference, in pull order. */
  public List<ImageRef> all() {
    List<ImageRef> out = new java.util.ArrayList<>(List.of(kubernetesNode, credentialProvider,
        pause));
    out.addAll(components);
    return out;
  }
}
