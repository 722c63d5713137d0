package dev.isla.fabric;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.FabricCatalog;
import dev.isla.fabric.route.Decision;
import dev.isla.fabric.route.Decision.Failure;
import dev.isla.fabric.route.NodePosition;
import dev.isla.fabric.route.Reachability;
import dev.isla.fabric.route.ServiceMap;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated network every node connection goes through (docs/FABRIC.md).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #attach} places a node and gives it its own real source address in
 *       {@code 127.64.0.0/10}; {@link #detach} frees it.
 *   <li>{@link #connect} decides with Azure's reachability rules ({@link Reachability}) from the
 *       catalog's current state, and either returns a real socket from the node's source
 *       address to the loopback listener serving the destination, or throws — a
 *       {@link FabricConnectException} at once (refused), or a {@link FabricTimeoutException}
 *       after the full timeout (unreachable, as dropped packets) — and records a
 *       {@link Refusal}. No socket to a non-loopback address is ever opened.
 *   <li>{@link #origin} tells a server, from an accepted connection's peer address, which node
 *       dialled which logical address over which path; connections not made by the fabric come
 *       from the host, i.e. the internet.
 * </ul>
 *
 * Thread-safe; connections of many nodes may be decided at once.
 */
public final class Fabric {

  /**
   * Sizes and lifetimes.
   *
   * @param refusalCapacity refusals kept for {@link #refusals()}
   * @param originCapacity open connections remembered for {@link #origin}
   * @param originTtl how long a connection never closed stays attributable
   */
  public record Settings(int refusalCapacity, int originCapacity, Duration originTtl) {

    public static Settings defaults() {
      return new Settings(1000, 65_536, Duration.ofHours(1));
    }
  }

  private final FabricCatalog catalog;
  private final ServiceMap services;
  private final Clock clock;
  private final Map<String, NodePosition> nodes = new ConcurrentHashMap<>();
  private final LoopbackPool sources = new LoopbackPool();
  private final ConnectionTable connections;
  private final RefusalLog refusals;
  private final Reachability reachability;

  public Fabric(FabricCatalog catalog, ServiceMap services) {
    this(catalog, services, Settings.defaults(), Clock.systemUTC());
  }

  public Fabric(FabricCatalog catalog, ServiceMap services, Settings settings, Clock clock) {
    this.catalog = catalog;
    this.services = services;
    this.clock = clock;
    this.connections = new ConnectionTable(settings.originCapacity(), settings.originTtl(), clock);
    this.refusals = new RefusalLog(settings.refusalCapacity());
    this.reachability = new Reachability(catalog, services, this::nodeAt);
  }

  /**
   * Places a node (again: a node attached before keeps its source address and takes the new
   * position).
   *
   * @return the node's real source address, in {@code 127.64.0.0/10}
   * @throws IllegalArgumentException when another node holds the same address in the same VNet
   */
  public synchronized InetAddress attach(NodePosition position) {
    nodes.values().stream()
        .filter(n -> !n.nodeId().equals(position.nodeId())
            && n.virtualNetworkId().equals(position.virtualNetworkId())
            && n.privateIpAddress().equals(position.privateIpAddress()))
        .findFirst().ifPresent(n -> {
          throw new IllegalArgumentException("node " + n.nodeId() + " already holds "
              + position.privateIpAddress() + " in " + position.virtualNetworkId().name());
        });
    nodes.put(position.nodeId(), position);
    return sources.acquire(position.nodeId());
  }

  /** Removes a node and frees its source address; nothing happens for an unknown node. */
  public synchronized void detach(String nodeId) {
    nodes.remove(nodeId);
    sources.release(nodeId);
  }

  /** The node's position, if attached. */
  public Optional<NodePosition> position(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
  }

  /** The node's real source address, if attached. */
  public Optional<InetAddress> sourceAddress(String nodeId) {
    return sources.address(nodeId);
  }

  /**
   * Opens a connection from {@code nodeId} to the logical {@code destination:port}.
   *
   * @param timeout how long an unreachable destination keeps the caller waiting (positive)
   * @return a connected socket; closing it ends the connection's {@link #origin} entry
   * @throws FabricConnectException when the destination refuses (no listener on a host that
   *     exists, or the real listener is down)
   * @throws FabricTimeoutException after {@code timeout} when nothing answers (no egress, no
   *     route, no host)
   * @throws IllegalStateException when the node is not attached
   */
  public Socket connect(String nodeId, LogicalAddress destination, int port, Duration timeout)
      throws IOException {
    NodePosition node = attached(nodeId, timeout);
    Decision decision = decide(node, destination, port);
    if (decision instanceof Decision.Refuse refuse) {
      throw fail(node, destination, port, refuse, timeout);
    }
    return open(node, destination, port, (Decision.Route) decision, timeout);
  }

  /**
   * Decides a datagram flow (DNS over UDP to {@code 168.63.129.16:53}, typically) with the same
   * rules as {@link #connect}; the caller sends from the returned source to the returned
   * listener. There is no origin entry: a datagram server knows the VNet from the listener it
   * bound for it, and the node from the source address.
   *
   * @throws FabricConnectException when the destination refuses (ICMP port unreachable)
   * @throws FabricTimeoutException after {@code timeout} when nothing would answer
   * @throws IllegalStateException when the node is not attached
   */
  public DatagramRoute datagramRoute(String nodeId, LogicalAddress destination, int port,
      Duration timeout) throws IOException {
    NodePosition node = attached(nodeId, timeout);
    Decision decision = decide(node, destination, port);
    if (decision instanceof Decision.Refuse refuse) {
      throw fail(node, destination, port, refuse, timeout);
    }
    Decision.Route route = (Decision.Route) decision;
    return new DatagramRoute(source(node), route.listener(), route.path());
  }

  private NodePosition attached(String nodeId, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a connect timeout must be positive");
    }
    return position(nodeId).orElseThrow(() -> new IllegalStateException(
        "node " + nodeId + " is not attached to the fabric"));
  }

  // A node detached while its connection was being decided gets no new address.
  private InetAddress source(NodePosition node) {
    return sources.address(node.nodeId()).orElseThrow(() -> new IllegalStateException(
        "node " + node.nodeId() + " was detached from the fabric"));
  }

  private Decision decide(NodePosition node, LogicalAddress destination, int port) {
    try {
      return reachability.decide(node, destination, port);
    } catch (RuntimeException e) {
      return new Decision.Refuse(Failure.UNREACHABLE, "catalog",
          "catalog: the topology could not be read (" + e.getMessage() + ")");
    }
  }

  private Socket open(NodePosition node, LogicalAddress destination, int port, Decision.Route route,
      Duration timeout) throws IOException {
    InetAddress source = source(node);
    Origin origin = new Origin(Optional.of(node.nodeId()), Optional.of(node.virtualNetworkId()),
        Optional.of(node.privateIpAddress()), Optional.of(destination), route.path());
    int[] localPort = {0};
    try {
      return LoopbackDialer.dial(source, route.listener(), timeout, p -> {
        localPort[0] = p;
        connections.put(source, p, origin);
      }, () -> connections.remove(source, localPort[0], origin));
    } catch (IOException e) {
      Refusal refusal = record(node, destination, port, new Decision.Refuse(Failure.REFUSED,
          "listener down", "listener down: " + route.listener() + " serving "
              + reachability.describe(destination) + " port " + port + " did not accept ("
              + e.getMessage() + ")"));
      throw (IOException) new FabricConnectException(refusal).initCause(e);
    }
  }

  private IOException fail(NodePosition node, LogicalAddress destination, int port,
      Decision.Refuse refuse, Duration timeout) {
    Refusal refusal = record(node, destination, port, refuse);
    if (refuse.failure() == Failure.REFUSED) {
      return new FabricConnectException(refusal);
    }
    try {
      // Dropped packets: the caller waits its whole timeout, as with a real SYN nobody answers.
      Thread.sleep(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new FabricTimeoutException(refusal);
  }

  private Refusal record(NodePosition node, LogicalAddress destination, int port,
      Decision.Refuse refuse) {
    Refusal refusal = new Refusal(clock.instant(), node.nodeId(), destination, port,
        refuse.failure(), refuse.policy(), refuse.reason());
    refusals.add(refusal);
    return refusal;
  }

  /**
   * Where the connection whose peer (remote) address a server sees came from.
   *
   * @return the node's origin for an open fabric connection; {@link Origin#internet()} for any
   *     peer outside the node range (the host); empty for a node-range peer the fabric doesn't
   *     know (a closed, expired or foreign connection) — a server should treat it as untrusted
   */
  public Optional<Origin> origin(InetSocketAddress peer) {
    if (peer.isUnresolved() || !LoopbackPool.contains(peer.getAddress())) {
      return Optional.of(Origin.internet());
    }
    return connections.get(peer);
  }

  /** The most recent refusals. */
  public RefusalLog refusals() {
    return refusals;
  }

  /** The listeners serving logical destinations. */
  public ServiceMap services() {
    return services;
  }

  /** The topology port the fabric reads. */
  public FabricCatalog catalog() {
    return catalog;
  }

  private boolean nodeAt(ResourceId virtualNetworkId, LogicalAddress address) {
    return nodes.values().stream().anyMatch(n -> n.virtualNetworkId().equals(virtualNetworkId)
        && n.privateIpAddress().equals(address));
  }

  int openConnections() {
    return connections.size();
  }
}
