package dev.isla.dns.listener;

import java.time.Duration;

/**
 * Bounds of the listeners: how many UDP queries are answered at once (more wait in the socket's
 * receive buffer), how many TCP connections are open at once (more are
 * closed at accept), and how long a TCP client may take to send one message, read a reply or stay idle between
 * messages before the connection is cut.
 */
public record ListenerSettings(int udpWorkers, int tcpConnections, Duration tcpTimeout) {

  public ListenerSettings {
    if (udpWorkers < 1 || tcpConnections < 1 || tcpTimeout.isNegative() || tcpTimeout.isZero()) {
      throw new IllegalArgumentException("listener bounds must be positive");
    }
  }

  /** 64 UDP queries in flight, 256 TCP connections, 5 s per TCP message (BIND's idle default is 30 s). */
  public static ListenerSettings defaults() {
    return new ListenerSettings(64, 256, Duration.ofSeconds(5));
  }

  public ListenerSettings withTcpTimeout(Duration timeout) {
    return new ListenerSettings(udpWorkers, tcpConnections, timeout);
  }
}
