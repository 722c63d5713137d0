package dev.isla.fabric.route;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which real loopback listener serves a logical destination: e.g. every registry's public
 * address and private endpoint addresses → the registry's listener {@code 127.0.0.1:P};
 * {@code 168.63.129.16:53} inside VNet V → that VNet's DNS listener; {@code 169.254.169.254:80}
 * → the identity module's IMDS listener. The launcher registers entries as listeners start and
 * resources appear.
 *
 * <p>An entry is either global (the address means the same thing from everywhere: public
 * addresses, private endpoint addresses) or scoped to one VNet (the same logical address is served
 * differently per VNet: Azure DNS). A lookup from a VNet prefers the VNet's entry. Real addresses
 * must be loopback: registering anything else throws, so a logical address can never be dialled.
 * Thread-safe; a registration is visible to the next connection.
 */
public final class ServiceMap {

  /** One registration. {@code virtualNetworkId} is empty for a global entry. */
  public record Entry(Optional<ResourceId> virtualNetworkId, LogicalAddress address, int port,
      InetSocketAddress listener) {}

  private record Key(String vnetKey, LogicalAddress address, int port) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Serves {@code address:port}, seen from anywhere, with {@code listener}; replaces an earlier
   * registration of the same address and port.
   *
   * @throws IllegalArgumentException when {@code listener} is not a loopback address or the port
   *     is not 1–65535
   */
  public void register(LogicalAddress address, int port, InetSocketAddress listener) {
    put(new Entry(Optional.empty(), address, port, requireLoopback(listener)));
  }

  /** Serves {@code address:port} seen from inside {@code virtualNetworkId} only. */
  public void register(ResourceId virtualNetworkId, LogicalAddress address, int port,
      InetSocketAddress listener) {
    put(new Entry(Optional.of(virtualNetworkId), address, port, requireLoopback(listener)));
  }

  /** Removes the global entry for {@code address:port}, if any. */
  public void unregister(LogicalAddress address, int port) {
    entries.remove(new Key("", address, port));
  }

  /** Removes the VNet's entry for {@code address:port}, if any. */
  public void unregister(ResourceId virtualNetworkId, LogicalAddress address, int port) {
    entries.remove(new Key(virtualNetworkId.key(), address, port));
  }

  /**
   * The listener for {@code address:port} seen from {@code virtualNetworkId}: the VNet's entry,
   * else the global one.
   */
  public Optional<InetSocketAddress> lookup(ResourceId virtualNetworkId, LogicalAddress address,
      int port) {
    Entry scoped = entries.get(new Key(virtualNetworkId.key(), address, port));
    return Optional.ofNullable(scoped != null ? scoped : entries.get(new Key("", address, port)))
        .map(Entry::listener);
  }

  /** The global listener for {@code address:port}. */
  public Optional<InetSocketAddress> lookup(LogicalAddress address, int port) {
    return Optional.ofNullable(entries.get(new Key("", address, port))).map(Entry::listener);
  }

  /** The VNet's own listener for {@code address:port}, ignoring global entries. */
  Optional<InetSocketAddress> lookupScoped(ResourceId virtualNetworkId, LogicalAddress address,
      int port) {
    return Optional.ofNullable(entries.get(new Key(virtualNetworkId.key(), address, port)))
        .map(Entry::listener);
  }

  /**
   * True when something is registered at {@code address} (any port) in that VNet, or globally
   * when {@code includeGlobal}.
   */
  boolean serves(ResourceId virtualNetworkId, LogicalAddress address, boolean includeGlobal) {
    String vnet = virtualNetworkId.key();
    return entries.keySet().stream().anyMatch(k -> k.address().equals(address)
        && ((includeGlobal && k.vnetKey().isEmpty()) || k.vnetKey().equals(vnet)));
  }

  /** Every registration, in no particular order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  private void put(Entry entry) {
    if (entry.port() < 1 || entry.port() > 65535) {
      throw new IllegalArgumentException("port " + entry.port() + " is not 1-65535");
    }
    String vnet = entry.virtualNetworkId().map(ResourceId::key).orElse("");
    entries.put(new Key(vnet, entry.address(), entry.port()), entry);
  }

  private static InetSocketAddress requireLoopback(InetSocketAddress listener) {
    if (listener.isUnresolved() || !listener.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("a listener must be a loopback address, not " + listener);
    }
    return listener;
  }
}
