package dev.isla.controlplane.port;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pool of nodes the control plane wants: how many, named how, booting with what.
 *
 * @param clusterId the managed cluster's resource id
 * @param pool agent pool name, e.g. {@code nodepool1}
 * @param scaleSetName {@code aks-<pool>-<8 digits>-vmss}; node {@code i} is this name followed
 *     by {@code i} on six digits ({@code aks-nodepool1-12345678-vmss000000}), as AKS names VMSS
 *     instances
 * @param count number of nodes
 * @param vmSize e.g. {@code Standard_DS2_v2}
 * @param bootstrap what new or reimaged nodes boot with
 */
public record NodePoolSpec(String clusterId, String pool, String scaleSetName, int count, String vmSize,
    BootstrapProfile bootstrap) {

  private static final Pattern SCALE_SET = Pattern.compile("aks-[a-z0-9]{1,12}-[0-9]{8}-vmss");

  public NodePoolSpec {
    Objects.requireNonNull(clusterId);
    Objects.requireNonNull(pool);
    Objects.requireNonNull(vmSize);
    Objects.requireNonNull(bootstrap);
    if (!SCALE_SET.matcher(scaleSetName).matches()) {
      throw new IllegalArgumentException("not an AKS scale set name: " + scaleSetName);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
  }

  /** The name of node {@code index}: {@code aks-nodepool1-12345678-vmss000002}. */
  public String nodeName(int index) {
    return scaleSetName + String.format("%06d", index);
  }
}
