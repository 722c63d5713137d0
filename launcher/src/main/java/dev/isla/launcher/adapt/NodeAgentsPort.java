package dev.isla.launcher.adapt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.port.BootstrapProfile;
import dev.isla.controlplane.port.CommandResult;
import dev.isla.controlplane.port.NodeFailure;
import dev.isla.controlplane.port.NodePoolSpec;
import dev.isla.controlplane.port.NodePort;
import dev.isla.controlplane.port.NodeState;
import dev.isla.controlplane.rp.containerservice.ClusterBootstrap;
import dev.isla.controlplane.rp.network.AddressPlan;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.nodes.Bootstrap;
import dev.isla.nodes.Node;
import dev.isla.nodes.NodeAgents;
import dev.isla.nodes.PoolSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control plane's {@link NodePort} over the node agents:
 *
 * <ul>
 *   <li>each node's address comes from its subnet's {@link AddressPlan}: reserved in one store
 *       transaction for the node (owner {@code <cluster>/agentPools/<pool>/machines/<node>}),
 *       kept while the node exists (a reimage keeps it), released when the node goes;
 *   <li>{@link BootstrapProfile} becomes the agents' {@link Bootstrap}; a node's result becomes
 *       a {@link NodeState} carrying the profile it booted with and its {@link NodeFailure}
 *       (phase, exit code, cause);
 *   <li>the profile each node booted with is recorded in the store ({@link NodeRecords}), so
 *       {@link #restoreAll} brings the nodes back after a restart, each with its own bootstrap,
 *       and a provision after a restart never boots an existing node with the new profile;
 *   <li>{@code runCommand} runs from a node with the cluster's current profile, so nodes still
 *       on an old bootstrap are marked in {@code kubectl get nodes}.
 * </ul>
 */
public final class NodeAgentsPort implements NodePort {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(NodeAgentsPort.class.getName());

  private final NodeAgents agents;
  private final ResourceStore store;
  private final String tenantId;
  private final Clock clock;
  /** What must be in place in a VNet before its nodes act (its resolver, its routes). */
  private final java.util.function.Consumer<ResourceId> prepareVnet;
  /** cluster key → the VNets its nodes are in. */
  private final Map<String, java.util.Set<ResourceId>> vnets = new ConcurrentHashMap<>();
  /**
   * node key ({@code <cluster>/nodes/<name>}, lower case) → the profile it booted with: a cache
   * of {@link NodeRecords} for the IMDS, which asks on every token request.
   */
  private final Map<String, BootstrapProfile> booted = new ConcurrentHashMap<>();

  /**
   * @param prepareVnet called with a VNet before its nodes boot or run a command: binds the
   *     VNet's resolver and syncs the fabric's routes
   */
  public NodeAgentsPort(NodeAgents agents, ResourceStore store, String tenantId, Clock clock,
      java.util.function.Consumer<ResourceId> prepareVnet) {
    this.agents = agents;
    this.prepareVnet = prepareVnet;
    this.store = store;
    this.tenantId = tenantId;
    this.clock = clock;
  }

  @Override
  public List<NodeState> provision(NodePoolSpec spec) {
    ResourceId cluster = ResourceId.parse(spec.clusterId());
    PoolSpec pool = poolSpec(spec, cluster);
    List<NodeRecords.Recorded> recorded = store.transaction(tx -> {
      List<NodeRecords.Recorded> known = recordedPool(cluster, spec.pool());
      for (int i = 0; i < spec.count(); i++) {
        String name = spec.nodeName(i);
        if (known.stream().noneMatch(r -> r.name().equalsIgnoreCase(name))) {
          NodeRecords.put(tx, cluster, spec.pool(), name, spec.bootstrap());
        }
      }
      return known;
    });
    for (int i = 0; i < spec.count(); i++) {
      booted.putIfAbsent(key(cluster, spec.nodeName(i)), spec.bootstrap());
    }
    recorded.forEach(r -> booted.put(key(cluster, r.name()), r.bootstrap()));
    restoreRecorded(pool, recorded.stream().filter(r -> r.index() < spec.count()).toList());
    List<Node> nodes = agents.provision(pool);
    releaseSurplus(cluster, spec);
    return states(cluster, nodes, spec);
  }

  @Override
  public List<NodeState> reimage(NodePoolSpec spec) {
    ResourceId cluster = ResourceId.parse(spec.clusterId());
    PoolSpec pool = poolSpec(spec, cluster);
    store.transaction(tx -> {
      for (int i = 0; i < spec.count(); i++) {
        NodeRecords.put(tx, cluster, spec.pool(), spec.nodeName(i), spec.bootstrap());
      }
      return null;
    });
    for (int i = 0; i < spec.count(); i++) {
      booted.put(key(cluster, spec.nodeName(i)), spec.bootstrap());
    }
    List<Node> nodes = agents.reimage(pool);
    releaseSurplus(cluster, spec);
    return states(cluster, nodes, spec);
  }

  /**
   * Boots every recorded node again with the bootstrap it had, in the background (they are
   * NotReady meanwhile): what a restart of the instance does, since nodes live in memory.
   * Nodes of clusters that no longer exist are forgotten.
   */
  public void restoreAll() {
    Map<ResourceId, Map<String, List<NodeRecords.Recorded>>> byPool = new java.util.LinkedHashMap<>();
    for (NodeRecords.Recorded r : NodeRecords.all(store)) {
      byPool.computeIfAbsent(r.cluster(), c -> new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER))
          .computeIfAbsent(r.pool(), p -> new ArrayList<>()).add(r);
    }
    byPool.forEach((cluster, pools) -> {
      if (store.get(cluster).isEmpty()) {
        deleteCluster(cluster.toString());
        return;
      }
      pools.forEach((pool, nodes) -> {
        try {
          restorePool(cluster, pool, nodes);
        } catch (RuntimeException e) {
          LOG.warning(() -> "cannot restore the nodes of pool " + pool + " of " + cluster + ": " + e);
        }
      });
    });
  }

  private void restorePool(ResourceId cluster, String pool, List<NodeRecords.Recorded> nodes) {
    nodes.forEach(r -> booted.put(key(cluster, r.name()), r.bootstrap()));
    NodeRecords.Recorded first = nodes.getFirst();
    int count = nodes.stream().mapToInt(NodeRecords.Recorded::index).max().orElse(0) + 1;
    NodePoolSpec spec = new NodePoolSpec(cluster.toString(), pool, first.scaleSetName(), count,
        "restored", first.bootstrap());
    restoreRecorded(poolSpec(spec, cluster), nodes);
  }

  /** Has the agents boot recorded nodes they don't run, each group with its own bootstrap. */
  private void restoreRecorded(PoolSpec pool, List<NodeRecords.Recorded> recorded) {
    Map<BootstrapProfile, List<Integer>> groups = new java.util.LinkedHashMap<>();
    recorded.stream().filter(r -> r.index() < pool.count())
        .forEach(r -> groups.computeIfAbsent(r.bootstrap(), b -> new ArrayList<>()).add(r.index()));
    groups.forEach((profile, indexes) -> agents.restore(new PoolSpec(pool.clusterId(), pool.pool(),
        pool.scaleSetName(), pool.subnetId(), pool.addresses(), bootstrap(profile)), indexes));
  }

  private List<NodeRecords.Recorded> recordedPool(ResourceId cluster, String pool) {
    return NodeRecords.under(store, cluster).stream()
        .filter(r -> r.pool().equalsIgnoreCase(pool)).toList();
  }

  /**
   * The kubelet identity's client id a node was given (by its fabric node id,
   * {@code <cluster>/nodes/<name>}), as the VM's assigned identity: what its IMDS serves.
   */
  public Optional<String> kubeletClientId(String nodeId) {
    return Optional.ofNullable(booted.get(nodeId.toLowerCase(java.util.Locale.ROOT)))
        .map(BootstrapProfile::kubeletClientId).filter(id -> !id.isBlank());
  }

  @Override
  public List<NodeState> nodes(String clusterId) {
    ResourceId cluster = ResourceId.parse(clusterId);
    return agents.nodes(cluster).stream().map(n -> state(cluster, n, Optional.empty())).toList();
  }

  @Override
  public void deletePool(String clusterId, String pool) {
    ResourceId cluster = ResourceId.parse(clusterId);
    agents.deletePool(cluster, pool);
    release(machinesOf(cluster, pool).toString() + "/", -1);
    forget(cluster, r -> r.pool().equalsIgnoreCase(pool));
  }

  @Override
  public void deleteCluster(String clusterId) {
    ResourceId cluster = ResourceId.parse(clusterId);
    agents.deleteCluster(cluster);
    release(cluster + "/agentPools/", -1);
    vnets.remove(cluster.key());
    forget(cluster, r -> true);
  }

  /** Deletes the records (and cached bootstraps) of the cluster's nodes {@code which} selects. */
  private void forget(ResourceId cluster, java.util.function.Predicate<NodeRecords.Recorded> which) {
    store.transaction(tx -> {
      NodeRecords.delete(tx, cluster, r -> {
        boolean gone = which.test(r);
        if (gone) {
          booted.remove(key(cluster, r.name()));
        }
        return gone;
      });
      return null;
    });
  }

  @Override
  public CommandResult runCommand(String clusterId, String command, String context) {
    ResourceId cluster = ResourceId.parse(clusterId);
    Instant started = clock.instant();
    ObjectNode body = store.get(cluster).map(r -> r.body()).orElseThrow(() ->
        new IllegalStateException("cluster " + clusterId + " does not exist"));
    BootstrapProfile profile = ClusterBootstrap.of(store, body, "", tenantId);
    vnets.getOrDefault(cluster.key(), java.util.Set.of()).forEach(prepareVnet);
    var out = agents.run(cluster, command, bootstrap(profile));
    return new CommandResult(out.exitCode(), out.output(), started, clock.instant());
  }

  private PoolSpec poolSpec(NodePoolSpec spec, ResourceId cluster) {
    ResourceId subnet = ResourceId.parse(spec.bootstrap().subnetId());
    ResourceId vnet = subnet.parent().orElseThrow();
    vnets.computeIfAbsent(cluster.key(), k -> ConcurrentHashMap.newKeySet()).add(vnet);
    prepareVnet.accept(vnet);
    List<LogicalAddress> addresses = store.transaction(tx -> {
      Map<String, String> held = new java.util.HashMap<>();
      tx.list(ResourceQuery.ofType(AddressPlan.ALLOCATION_TYPE).withUnder(subnet)).forEach(r ->
          held.put(r.body().path("owner").asText().toLowerCase(java.util.Locale.ROOT),
              r.body().path("address").asText()));
      List<LogicalAddress> out = new ArrayList<>();
      for (int i = 0; i < spec.count(); i++) {
        ResourceId owner = machinesOf(cluster, spec.pool()).child("machines", spec.nodeName(i));
        String address = Optional.ofNullable(held.get(owner.key())).orElseGet(() ->
            AddressPlan.reserve(tx, subnet, owner, 1).getFirst().toString());
        out.add(LogicalAddress.parse(address));
      }
      return out;
    });
    return new PoolSpec(cluster, spec.pool(), spec.scaleSetName(), subnet, addresses,
        bootstrap(spec.bootstrap()));
  }

  /** Gives back the addresses of nodes at index {@code count} and above. */
  private void releaseSurplus(ResourceId cluster, NodePoolSpec spec) {
    release(machinesOf(cluster, spec.pool()) + "/machines/" + spec.scaleSetName(), spec.count());
    forget(cluster, r -> r.pool().equalsIgnoreCase(spec.pool()) && r.index() >= spec.count());
  }

  /**
   * Releases the allocations whose owner starts with {@code prefix}; with {@code fromIndex} ≥ 0
   * only those of nodes whose six-digit index is at least {@code fromIndex}.
   */
  private void release(String prefix, int fromIndex) {
    store.transaction(tx -> {
      tx.list(ResourceQuery.ofType(AddressPlan.ALLOCATION_TYPE)).stream()
          .map(r -> r.body().path("owner").asText())
          .filter(o -> o.regionMatches(true, 0, prefix, 0, prefix.length()))
          .filter(o -> fromIndex < 0 || index(o) >= fromIndex)
          .distinct().toList()
          .forEach(o -> AddressPlan.release(tx, ResourceId.parse(o)));
      return null;
    });
  }

  private static int index(String owner) {
    String digits = owner.substring(Math.max(0, owner.length() - 6));
    return digits.matches("\\d{6}") ? Integer.parseInt(digits) : Integer.MAX_VALUE;
  }

  private static ResourceId machinesOf(ResourceId cluster, String pool) {
    return cluster.child("agentPools", pool);
  }

  private List<NodeState> states(ResourceId cluster, List<Node> nodes, NodePoolSpec spec) {
    return nodes.stream().map(n -> state(cluster, n, Optional.of(spec))).toList();
  }

  private NodeState state(ResourceId cluster, Node node, Optional<NodePoolSpec> spec) {
    BootstrapProfile profile = booted.getOrDefault(key(cluster, node.name()),
        spec.map(NodePoolSpec::bootstrap).orElseGet(() -> profileOf(node)));
    return new NodeState(node.name(), node.pool(), profile, node.failure()
        .map(f -> new NodeFailure(f.phase(), f.exitCode(), f.cause())));
  }

  private static BootstrapProfile profileOf(Node node) {
    Bootstrap b = node.bootstrap();
    return new BootstrapProfile(b.artifactSource(), b.containerRegistryServer(),
        b.kubeletClientId(), b.tenantId(), b.outboundType(), "", b.kubernetesVersion());
  }

  static Bootstrap bootstrap(BootstrapProfile p) {
    return new Bootstrap(p.artifactSource(), p.containerRegistryServer(), p.kubeletClientId(),
        p.tenantId(), p.outboundType(), p.kubernetesVersion());
  }

  private static String key(ResourceId cluster, String node) {
    return cluster.key() + "/nodes/" + node.toLowerCase(java.util.Locale.ROOT);
  }
}
