package dev.isla.dns.listener;

import dev.isla.dns.query.QueryHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One view's listening address: UDP and TCP on the same address and port, answering as the VNet
 * {@code vnetId} (or as the public internet when empty). Which view answers a query is decided
 * only by the local address it arrives on.
 */
public final class DnsListener implements AutoCloseable {

  private static final int FREE_PORT_ATTEMPTS = 20;

  private final InetSocketAddress address;
  private final Optional<String> vnetId;
  private final UdpListener udp;
  private final TcpListener tcp;

  private DnsListener(InetSocketAddress address, Optional<String> vnetId, UdpListener udp, TcpListener tcp) {
    this.address = address;
    this.vnetId = vnetId;
    this.udp = udp;
    this.tcp = tcp;
  }

  /**
   * Listens on {@code address:port} over UDP and TCP; port 0 picks a port free for both.
   *
   * @throws UncheckedIOException if the address or port cannot be bound (e.g. in use)
   */
  public static DnsListener open(InetAddress address, int port, Optional<String> vnetId, QueryHandler handler,
      ListenerSettings settings) {
    int attempts = port == 0 ? FREE_PORT_ATTEMPTS : 1;
    IOException last = null;
    for (int i = 0; i < attempts; i++) {
      UdpListener udp = null;
      try {
        udp = new UdpListener(new InetSocketAddress(address, port), handler, vnetId, settings);
        InetSocketAddress bound = new InetSocketAddress(address, udp.port());
        TcpListener tcp = new TcpListener(bound, handler, vnetId, settings);
        return new DnsListener(bound, vnetId, udp, tcp);
      } catch (BindException e) {
        // With port 0 the UDP port may be taken for TCP: try another.
        last = e;
        if (udp != null) {
          udp.close();
        }
      } catch (IOException e) {
        if (udp != null) {
          udp.close();
        }
        throw new UncheckedIOException("cannot listen for DNS on " + address.getHostAddress() + ":" + port, e);
      }
    }
    throw new UncheckedIOException("cannot listen for DNS on " + address.getHostAddress() + ":" + port, last);
  }

  public InetSocketAddress address() {
    return address;
  }

  /** The VNet this address answers as; empty for the public view. */
  public Optional<String> vnetId() {
    return vnetId;
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
