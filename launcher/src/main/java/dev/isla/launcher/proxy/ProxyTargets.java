package dev.isla.launcher.proxy;

import java.net.InetSocketAddress;

/**
 * Port: where the host's proxy may tunnel a {@code CONNECT host:port}. Implementations answer
 * from current state (a registry created a moment ago is reachable at once) and never name a
 * non-loopback address; the proxy checks that again before it dials.
 */
@FunctionalInterface
public interface ProxyTargets {

  /** The decision for one {@code CONNECT}. */
  sealed interface Decision {
    /** Tunnel to {@code address} (a loopback listener). */
    record Tunnel(InetSocketAddress address) implements Decision {}

    /** Refuse with 403; {@code reason} is the body the client reads. */
    record Refuse(String reason) implements Decision {}
  }

  /** Where {@code host:port} leads (host lower-cased, without brackets). */
  Decision resolve(String host, int port);
}
