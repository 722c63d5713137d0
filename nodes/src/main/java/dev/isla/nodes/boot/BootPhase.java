package dev.isla.nodes.boot;

/**
 * The phases of a node's boot, in order, with the exit code AgentBaker's provisioning script
 * ends with when the phase fails (research/aks-isolation.md §2; AgentBaker's
 * {@code cse_helpers.sh}).
 */
public enum BootPhase {
  /** {@code curl https://mcr.microsoft.com/v2/}: {@code ERR_OUTBOUND_CONN_FAIL}. */
  OUTBOUND_CHECK("outboundCheck", 50),
  /** {@code dig .} and the registry host: {@code ERR_DNS_HEALTH_FAIL}. */
  DNS_CHECK("dnsCheck", 215),
  /**
   * Anonymous probe, else IMDS token and ACR exchange: {@code ERR_ORAS_PULL_UNAUTHORIZED}
   * (IMDS unreachable: {@link #IMDS_TIMEOUT}; the registry unreachable: {@link #NETWORK_TIMEOUT}).
   */
  REGISTRY_LOGIN("registryLogin", 212),
  /** The {@code kubernetes-node} binaries artifact: {@code ERR_ORAS_PULL_K8S_FAIL}. */
  KUBERNETES_NODE("kubernetesNode", 207),
  /** The {@code azure-acr-credential-provider} artifact: {@code ERR_ORAS_PULL_CREDENTIAL_PROVIDER}. */
  CREDENTIAL_PROVIDER("credentialProvider", 208),
  /** The pod infra (pause) image: {@code ERR_PULL_PAUSE_IMAGE} as the brief of issue 4 numbers it. */
  PAUSE("pauseImage", 233),
  /**
   * kube-proxy, CoreDNS, CNI … through containerd's mirror. AgentBaker does not pull these in the
   * script (kubelet does, and the node would stay NotReady); Isla fails the boot with
   * {@code ERR_K8S_RUNNING_TIMEOUT} (30), the code of "the node did not become healthy" [chosen].
   */
  COMPONENT_IMAGES("componentImages", 30);

  /** {@code ERR_ORAS_IMDS_TIMEOUT}: IMDS did not answer during the registry login. */
  public static final int IMDS_TIMEOUT = 210;
  /** {@code ERR_ORAS_PULL_NETWORK_TIMEOUT}: the registry's token endpoints did not answer. */
  public static final int NETWORK_TIMEOUT = 211;

  private final String wireName;
  private final int exitCode;

  BootPhase(String wireName, int exitCode) {
    this.wireName = wireName;
    this.exitCode = exitCode;
  }

  /** The phase's name in failures, e.g. {@code dnsCheck}. */
  public String wireName() {
    return wireName;
  }

  /** The exit code of a failure in this phase. */
  public int exitCode() {
    return exitCode;
  }
}
