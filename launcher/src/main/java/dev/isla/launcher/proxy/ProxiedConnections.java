package dev.isla.launcher.proxy;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections the host's proxy holds open to Isla's listeners, by their local (source)
 * address: how a listener tells a host tool that came the internet's way ({@code HTTPS_PROXY}
 * to {@code <name>.azurecr.io}) from one that dialled its loopback port directly. Thread-safe;
 * an address is known from just before the connection is made until it closes.
 */
public final class ProxiedConnections {

  private final Set<InetSocketAddress> open = ConcurrentHashMap.newKeySet();

  /** Whether {@code peer} (as a listener sees it) is one of the proxy's open tunnels. */
  public boolean contains(InetSocketAddress peer) {
    return open.contains(peer);
  }

  void add(InetSocketAddress local) {
    open.add(local);
  }

  void remove(InetSocketAddress local) {
    open.remove(local);
  }
}
