package dev.isla.nodes;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pool of nodes as the launcher asks for it: node {@code i} is named {@code scaleSetName}
 * followed by {@code i} on six digits ({@code aks-nodepool1-12345678-vmss000000}) and sits at
 * {@code addresses.get(i)} in {@code subnetId} (the control plane's address plan allocates them).
 *
 * @param clusterId the managed cluster
 * @param pool the agent pool name, e.g. {@code nodepool1}
 * @param scaleSetName {@code aks-<pool>-<8 digits>-vmss}
 * @param subnetId the pool's subnet
 * @param addresses one logical address per node; the pool's size is their number
 * @param bootstrap what new or reimaged nodes boot with
 */
public record PoolSpec(ResourceId clusterId, String pool, String scaleSetName, ResourceId subnetId,
    List<LogicalAddress> addresses, Bootstrap bootstrap) {

  private static final Pattern SCALE_SET = Pattern.compile("aks-[a-z0-9]{1,12}-[0-9]{8}-vmss");

  public PoolSpec {
    addresses = List.copyOf(addresses);
    if (!SCALE_SET.matcher(scaleSetName).matches()) {
      throw new IllegalArgumentException("not an AKS scale set name: " + scaleSetName);
    }
    if (addresses.stream().distinct().count() != addresses.size()) {
      throw new IllegalArgumentException("two nodes of pool " + pool + " share an address");
    }
    if (subnetId.parent().isEmpty()) {
      throw new IllegalArgumentException(subnetId + " is not a subnet id");
    }
  }

  /** The number of nodes. */
  public int count() {
    return addresses.size();
  }

  /** The name of node {@code index}. */
  public String nodeName(int index) {
    return scaleSetName + String.format("%06d", index);
  }
}
