package dev.isla.nodes;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.Fabric;
import dev.isla.fabric.route.NodePosition;
import dev.isla.nodes.boot.BootArtifacts;
import dev.isla.nodes.boot.BootException;
import dev.isla.nodes.boot.BootPipeline;
import dev.isla.nodes.boot.RegistryClient;
import dev.isla.nodes.command.NodeShell;
import dev.isla.nodes.net.NodeHttpClient;
import dev.isla.nodes.net.NodeNetwork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The node agents of every cluster: each node is attached to the fabric at its subnet address
 * and boots through it ({@link BootPipeline}) on a virtual thread, at most
 * {@code maxConcurrentBoots} at once. Mirrors the control plane's node port (the launcher maps
 * the value types):
 *
 * <ul>
 *   <li>{@link #provision} and {@link #reimage} block until the pool's nodes are Ready or failed;
 *       a failure is a result ({@link Node#failure()}), never an exception. Existing nodes keep
 *       the bootstrap they booted with; only a reimage boots them again with a new one.
 *   <li>{@link #run} executes a command from a node's network position ({@link NodeShell}).
 *   <li>{@link #restore} brings back nodes that existed before a restart with the bootstrap
 *       they had, in the background: they are listed NotReady ({@link Node#booting()}) until
 *       their boot ends, and every other call on their cluster waits for it.
 * </ul>
 *
 * Thread-safe. Node state lives in memory; the launcher records each node's bootstrap and
 * restores the nodes at start.
 */
public final class NodeAgents {

  private static final Logger LOG = Logger.getLogger(NodeAgents.class.getName());

  /**
   * How nodes run.
   *
   * @param network timeouts and TLS trust of every node's network stack
   * @param maxConcurrentBoots boots running at once (the rest wait)
   * @param artifacts what a node of a Kubernetes version pulls
   */
  public record Settings(NodeNetwork.Settings network, int maxConcurrentBoots,
      Function<String, BootArtifacts> artifacts) {

    public Settings {
      if (maxConcurrentBoots < 1) {
        throw new IllegalArgumentException("maxConcurrentBoots must be positive");
      }
    }
  }

  private final Fabric fabric;
  private final Settings settings;
  private final Clock clock;
  private final Semaphore boots;
  /** cluster key → node name → node. Guarded by {@code this}. */
  private final Map<String, TreeMap<String, Node>> clusters = new TreeMap<>();
  /** cluster key → boots {@link #restore} runs in the background. Guarded by {@code this}. */
  private final Map<String, List<Future<?>>> restoring = new TreeMap<>();

  public NodeAgents(Fabric fabric, Settings settings, Clock clock) {
    this.fabric = fabric;
    this.settings = settings;
    this.clock = clock;
    this.boots = new Semaphore(settings.maxConcurrentBoots());
  }

  /**
   * Brings the pool to {@code spec.count()} nodes: existing ones stay as they are, missing ones
   * boot with {@code spec.bootstrap()}, surplus ones are detached and removed.
   *
   * @return the pool's nodes, by name
   */
  public List<Node> provision(PoolSpec spec) {
    awaitRestored(spec.clusterId());
    List<Integer> missing = new ArrayList<>();
    synchronized (this) {
      TreeMap<String, Node> nodes = cluster(spec.clusterId());
      for (int i = 0; i < spec.count(); i++) {
        if (!nodes.containsKey(spec.nodeName(i))) {
          missing.add(i);
        }
      }
      List<String> surplus = pool(nodes, spec.pool()).stream().map(Node::name)
          .filter(n -> Integer.parseInt(n.substring(n.length() - 6)) >= spec.count()).toList();
      surplus.forEach(n -> remove(spec.clusterId(), nodes, n));
    }
    bootAll(spec, missing);
    return poolNodes(spec);
  }

  /** Boots every node of the pool again with {@code spec.bootstrap()}, then provisions. */
  public List<Node> reimage(PoolSpec spec) {
    awaitRestored(spec.clusterId());
    List<Integer> existing = new ArrayList<>();
    synchronized (this) {
      for (Node n : pool(cluster(spec.clusterId()), spec.pool())) {
        int index = Integer.parseInt(n.name().substring(n.name().length() - 6));
        if (index < spec.count()) {
          existing.add(index);
        }
      }
    }
    bootAll(spec, existing);
    return provision(spec);
  }

  /** The cluster's nodes, every pool, by name; empty when none. */
  public synchronized List<Node> nodes(ResourceId clusterId) {
    return List.copyOf(clusters.getOrDefault(clusterId.key(), new TreeMap<>()).values());
  }

  /** Removes a pool's nodes. */
  public void deletePool(ResourceId clusterId, String pool) {
    awaitRestored(clusterId);
    deletePoolNow(clusterId, pool);
  }

  private synchronized void deletePoolNow(ResourceId clusterId, String pool) {
    TreeMap<String, Node> nodes = cluster(clusterId);
    pool(nodes, pool).forEach(n -> remove(clusterId, nodes, n.name()));
  }

  /** Removes every node of a cluster. */
  public void deleteCluster(ResourceId clusterId) {
    awaitRestored(clusterId);
    deleteClusterNow(clusterId);
  }

  private synchronized void deleteClusterNow(ResourceId clusterId) {
    TreeMap<String, Node> nodes = cluster(clusterId);
    List.copyOf(nodes.keySet()).forEach(n -> remove(clusterId, nodes, n));
    clusters.remove(clusterId.key());
  }

  /**
   * Runs {@code command} from the first Ready node of the cluster (else its first node).
   *
   * @param profile the cluster's current bootstrap profile: nodes booted with another one are
   *     marked in {@code kubectl get nodes}
   * @return exit code 1 with kubectl's words when the cluster has no node
   */
  public CommandOutput run(ResourceId clusterId, String command, Bootstrap profile) {
    List<Node> nodes = nodes(clusterId);
    Optional<Node> at = nodes.stream().filter(Node::ready).findFirst()
        .or(() -> nodes.stream().findFirst());
    if (at.isEmpty()) {
      return new CommandOutput(1, "error: cluster " + clusterId.name() + " has no nodes to run "
          + "the command on\n");
    }
    NodeNetwork network = new NodeNetwork(fabric, nodeId(clusterId, at.get().name()),
        settings.network());
    return new NodeShell(network, nodes, profile, clock).run(command);
  }

  /**
   * Boots nodes {@code indexes} of the pool with {@code spec.bootstrap()} in the background,
   * for nodes that existed before a restart: each is listed at once as booting (NotReady), and
   * replaced by its result when its boot ends. Nodes already present are left alone. Returns at
   * once; {@link #provision}, {@link #reimage} and the deletes of the cluster wait for these
   * boots, so they never boot a restored node a second time.
   */
  public void restore(PoolSpec spec, List<Integer> indexes) {
    List<Integer> absent = new ArrayList<>();
    synchronized (this) {
      TreeMap<String, Node> nodes = cluster(spec.clusterId());
      for (int i : indexes) {
        if (!nodes.containsKey(spec.nodeName(i))) {
          nodes.put(spec.nodeName(i), new Node(spec.nodeName(i), spec.pool(), spec.clusterId(),
              spec.addresses().get(i), spec.bootstrap(), Optional.empty(), clock.instant(),
              List.of(), true));
          absent.add(i);
        }
      }
      if (absent.isEmpty()) {
        return;
      }
      restoring.computeIfAbsent(spec.clusterId().key(), k -> new ArrayList<>())
          .add(CompletableFuture.runAsync(() -> bootAll(spec, absent),
              task -> Thread.ofVirtual().name("restore-" + spec.scaleSetName()).start(task)));
    }
  }

  /** Waits until the cluster's restored nodes have booted (Ready or failed). */
  private void awaitRestored(ResourceId clusterId) {
    List<Future<?>> running;
    synchronized (this) {
      running = List.copyOf(restoring.getOrDefault(clusterId.key(), List.of()));
    }
    for (Future<?> boot : running) {
      try {
        boot.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.warning(() -> "restoring nodes of " + clusterId + " failed: " + e.getCause());
      }
    }
    synchronized (this) {
      List<Future<?>> left = restoring.getOrDefault(clusterId.key(), new ArrayList<>());
      left.removeIf(Future::isDone);
      if (left.isEmpty()) {
        restoring.remove(clusterId.key());
      }
    }
  }

  private void bootAll(PoolSpec spec, List<Integer> indexes) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Node>> futures = indexes.stream()
          .map(i -> threads.submit(() -> boot(spec, i))).toList();
      for (Future<Node> f : futures) {
        Node node = f.get();
        synchronized (this) {
          cluster(spec.clusterId()).put(node.name(), node);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a node agent crashed", e.getCause());
    }
  }

  private Node boot(PoolSpec spec, int index) throws InterruptedException {
    String name = spec.nodeName(index);
    String id = nodeId(spec.clusterId(), name);
    fabric.attach(NodePosition.of(id, spec.clusterId(), spec.subnetId(),
        spec.addresses().get(index)));
    boots.acquire();
    try {
      NodeHttpClient http = new NodeHttpClient(new NodeNetwork(fabric, id, settings.network()));
      List<RegistryClient.Pulled> pulled = new BootPipeline(http, spec.bootstrap(),
          settings.artifacts().apply(spec.bootstrap().kubernetesVersion())).run();
      return node(spec, index, Optional.empty(),
          pulled.stream().map(p -> p.image().toString()).toList());
    } catch (BootException e) {
      BootFailure failure = new BootFailure(e.phase().wireName(), e.exitCode(), e.getMessage());
      LOG.warning(() -> "node " + name + " failed " + failure.phase() + " (exit "
          + failure.exitCode() + "): " + failure.cause());
      return node(spec, index, Optional.of(failure), List.of());
    } finally {
      boots.release();
    }
  }

  private Node node(PoolSpec spec, int index, Optional<BootFailure> failure, List<String> images) {
    return new Node(spec.nodeName(index), spec.pool(), spec.clusterId(), spec.addresses().get(index),
        spec.bootstrap(), failure, clock.instant(), images, false);
  }

  private void remove(ResourceId clusterId, TreeMap<String, Node> nodes, String name) {
    nodes.remove(name);
    fabric.detach(nodeId(clusterId, name));
  }

  private List<Node> poolNodes(PoolSpec spec) {
    synchronized (this) {
      return pool(cluster(spec.clusterId()), spec.pool());
    }
  }

  private TreeMap<String, Node> cluster(ResourceId clusterId) {
    return clusters.computeIfAbsent(clusterId.key(), k -> new TreeMap<>());
  }

  private static List<Node> pool(TreeMap<String, Node> nodes, String pool) {
    return nodes.values().stream().filter(n -> n.pool().equalsIgnoreCase(pool))
        .sorted(Comparator.comparing(Node::name)).toList();
  }

  /** The node's id on the fabric: unique across clusters. */
  static String nodeId(ResourceId clusterId, String nodeName) {
    return clusterId + "/nodes/" + nodeName;
  }
}
