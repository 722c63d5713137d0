package dev.isla.fabric;

import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.address.LogicalAddress;
import java.net.InetAddress;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hands each attached node its own real source address in {@code 127.64.0.0/10}, so a server
 * sees who connects ({@code accepted.getInetAddress()}) and {@link Fabric#origin} can tell nodes
 * apart. Deterministic: a node gets the lowest free address ({@code 127.64.0.1} first); a
 * detached node's address is free again. Linux routes all of 127.0.0.0/8 to the loopback
 * interface, so these addresses bind without setup.
 */
final class LoopbackPool {

  static final AddressPrefix RANGE = AddressPrefix.parse("127.64.0.0/10");

  private final BitSet taken = new BitSet();
  private final Map<String, Integer> byNode = new HashMap<>();

  /** The node's address, allocated on first call and kept until {@link #release}. */
  synchronized InetAddress acquire(String nodeId) {
    Integer index = byNode.get(nodeId);
    if (index == null) {
      index = taken.nextClearBit(1);
      if (index >= RANGE.size() - 1) {
        throw new IllegalStateException(
            "all " + (RANGE.size() - 2) + " node source addresses are taken");
      }
      taken.set(index);
      byNode.put(nodeId, index);
    }
    return RANGE.network().plus(index).inet();
  }

  /** The node's address, if it holds one. */
  synchronized Optional<InetAddress> address(String nodeId) {
    return Optional.ofNullable(byNode.get(nodeId)).map(i -> RANGE.network().plus(i).inet());
  }

  /** Frees the node's address; nothing happens for an unknown node. */
  synchronized void release(String nodeId) {
    Integer index = byNode.remove(nodeId);
    if (index != null) {
      taken.clear(index);
    }
  }

  /** The node holding that source address, if any. */
  synchronized Optional<String> node(InetAddress source) {
    if (!contains(source)) {
      return Optional.empty();
    }
    int index = (int) (LogicalAddress.of(source).value() - RANGE.network().value());
    return byNode.entrySet().stream().filter(e -> e.getValue() == index).map(Map.Entry::getKey)
        .findFirst();
  }

  /** True for addresses of the pool's range (held or not). */
  static boolean contains(InetAddress address) {
    return address.getAddress().length == 4 && RANGE.contains(LogicalAddress.of(address));
  }
}
