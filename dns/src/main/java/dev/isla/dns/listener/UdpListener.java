package dev.isla.dns.listener;

import dev.isla.dns.query.QueryHandler;
import dev.isla.dns.query.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * DNS over UDP on one address: a receiver thread hands each datagram to a virtual thread, at most
 * {@link ListenerSettings#udpWorkers()} at once; beyond that the receiver waits and datagrams queue
 * in the socket's receive buffer (1 MiB asked), which drops only what overflows it.
 */
final class UdpListener implements AutoCloseable {

  private static final int MAX_DATAGRAM = 65535;
  private static final int RECEIVE_BUFFER = 1 << 20;
  private static final System.Logger LOG = System.getLogger(UdpListener.class.getName());

  private final DatagramSocket socket;
  private final QueryHandler handler;
  private final Optional<String> vnetId;
  private final Semaphore workers;

  UdpListener(InetSocketAddress address, QueryHandler handler, Optional<String> vnetId, ListenerSettings settings)
      throws IOException {
    this.socket = new DatagramSocket(null);
    try {
      socket.setReceiveBufferSize(RECEIVE_BUFFER);
      socket.bind(address);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    this.handler = handler;
    this.vnetId = vnetId;
    this.workers = new Semaphore(settings.udpWorkers());
    Thread.ofVirtual().name("dns-udp-" + address).start(this::receive);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void receive() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.log(System.Logger.Level.WARNING, "UDP receive failed", e);
        }
        continue;
      }
      try {
        // Back-pressure instead of drops: waiting datagrams queue in the socket's receive buffer.
        workers.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
      InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
      Thread.ofVirtual().name("dns-udp-query").start(() -> answer(query, client));
    }
  }

  private void answer(byte[] query, InetSocketAddress client) {
    try {
      Optional<byte[]> reply = handler.handle(query, query.length, Transport.UDP, vnetId);
      if (reply.isPresent()) {
        socket.send(new DatagramPacket(reply.get(), reply.get().length, client));
      }
    } catch (IOException e) {
      if (!socket.isClosed()) {
        LOG.log(System.Logger.Level.DEBUG, "UDP reply to " + client + " failed", e);
      }
    } finally {
      workers.release();
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
