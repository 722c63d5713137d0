package dev.isla.controlplane.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The node adapter used when no data plane is wired: every node is Ready at once and remembers
 * the bootstrap it was given, so that nodes still running an old bootstrap are visible before
 * a reimage. Commands cannot run: {@link #runCommand} refuses with
 * {@link DataPlaneUnavailableException}. State lives in memory only (it describes simulated
 * nodes, which do not outlive the process either).
 */
public final class InProcessNodes implements NodePort {

  /** cluster id (lower case) → node name → node. Guarded by {@code this}. */
  private final Map<String, TreeMap<String, NodeState>> clusters = new TreeMap<>();

  @Override
  public synchronized List<NodeState> provision(NodePoolSpec spec) {
    TreeMap<String, NodeState> nodes = clusters.computeIfAbsent(key(spec.clusterId()), k -> new TreeMap<>());
    for (int i = 0; i < spec.count(); i++) {
      nodes.putIfAbsent(spec.nodeName(i),
          new NodeState(spec.nodeName(i), spec.pool(), spec.bootstrap(), Optional.empty()));
    }
    List<String> surplus = poolNodes(nodes, spec.pool()).stream().map(NodeState::name)
        .filter(n -> indexOf(n) >= spec.count()).toList();
    surplus.forEach(nodes::remove);
    return poolNodes(nodes, spec.pool());
  }

  @Override
  public synchronized List<NodeState> reimage(NodePoolSpec spec) {
    TreeMap<String, NodeState> nodes = clusters.computeIfAbsent(key(spec.clusterId()), k -> new TreeMap<>());
    for (NodeState node : poolNodes(nodes, spec.pool())) {
      nodes.put(node.name(), new NodeState(node.name(), node.pool(), spec.bootstrap(), Optional.empty()));
    }
    return provision(spec);
  }

  @Override
  public synchronized List<NodeState> nodes(String clusterId) {
    return List.copyOf(clusters.getOrDefault(key(clusterId), new TreeMap<>()).values());
  }

  @Override
  public synchronized void deletePool(String clusterId, String pool) {
    Optional.ofNullable(clusters.get(key(clusterId)))
        .ifPresent(nodes -> nodes.values().removeIf(n -> n.pool().equalsIgnoreCase(pool)));
  }

  @Override
  public synchronized void deleteCluster(String clusterId) {
    clusters.remove(key(clusterId));
  }

  @Override
  public CommandResult runCommand(String clusterId, String command, String context) {
    throw new DataPlaneUnavailableException("runCommand needs the Isla data plane: this cloud runs "
        + "without node agents (nodes are simulated in-process), so no command can run inside cluster '"
        + clusterId.substring(clusterId.lastIndexOf('/') + 1) + "'. Start Isla with its data plane to use "
        + "'az aks command invoke'.");
  }

  private static List<NodeState> poolNodes(TreeMap<String, NodeState> nodes, String pool) {
    List<NodeState> out = new ArrayList<>();
    nodes.values().stream().filter(n -> n.pool().equalsIgnoreCase(pool)).forEach(out::add);
    return out;
  }

  private static int indexOf(String nodeName) {
    return Integer.parseInt(nodeName.substring(nodeName.length() - 6));
  }

  private static String key(String clusterId) {
    return clusterId.toLowerCase(java.util.Locale.ROOT);
  }
}
