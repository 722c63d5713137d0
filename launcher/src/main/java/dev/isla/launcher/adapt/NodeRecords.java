package dev.isla.launcher.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.port.BootstrapProfile;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The nodes of every cluster as the store remembers them, so that they outlive the process: one
 * internal record per node, {@code <cluster>/providers/Isla.Internal/nodes/<node name>} of type
 * {@link #TYPE}, holding its pool and the {@link BootstrapProfile} it booted with. Written when a
 * node is created or reimaged, deleted when it goes; at start the launcher boots every recorded
 * node again with its recorded bootstrap (a node never reimaged keeps its old one, so "nodes
 * whose bootstrap differs from the profile" stays true across restarts). Never served by an API.
 */
final class NodeRecords {

  /** Storage type key of node records. */
  static final String TYPE = "isla.internal/nodes";

  /** One recorded node. */
  record Recorded(ResourceId cluster, String pool, String name, BootstrapProfile bootstrap) {

    Recorded {
      Objects.requireNonNull(cluster);
      Objects.requireNonNull(pool);
      Objects.requireNonNull(bootstrap);
      if (!name.matches(".*\\d{6}")) {
        throw new IllegalArgumentException("not a scale-set instance name: " + name);
      }
    }

    /** The node's index in its scale set (the last six digits of its name). */
    int index() {
      return Integer.parseInt(name.substring(name.length() - 6));
    }

    /** {@code aks-nodepool1-12345678-vmss}: the name without its index. */
    String scaleSetName() {
      return name.substring(0, name.length() - 6);
    }
  }

  private NodeRecords() {}

  static ResourceId id(ResourceId cluster, String node) {
    return cluster.extension("Isla.Internal", "nodes", node);
  }

  /** Records (or overwrites) what {@code node} of {@code pool} booted with. */
  static void put(ResourceStore.Transaction tx, ResourceId cluster, String pool, String node,
      BootstrapProfile profile) {
    ObjectNode body = Json.object().put("pool", pool);
    ObjectNode b = body.putObject("bootstrap");
    b.put("artifactSource", profile.artifactSource());
    profile.containerRegistryServer().ifPresent(s -> b.put("containerRegistryServer", s));
    b.put("kubeletClientId", profile.kubeletClientId());
    b.put("tenantId", profile.tenantId());
    b.put("outboundType", profile.outboundType());
    b.put("subnetId", profile.subnetId());
    b.put("kubernetesVersion", profile.kubernetesVersion());
    tx.put(id(cluster, node), TYPE, body);
  }

  /** The recorded nodes below {@code scope} (a cluster, or a subscription for all of them). */
  static List<Recorded> under(ResourceStore store, ResourceId scope) {
    return store.list(ResourceQuery.ofType(TYPE).withUnder(scope)).stream()
        .map(r -> parse(r.id(), r.body())).toList();
  }

  /** Every recorded node of the instance. */
  static List<Recorded> all(ResourceStore store) {
    return store.list(ResourceQuery.ofType(TYPE)).stream()
        .map(r -> parse(r.id(), r.body())).toList();
  }

  /** Deletes the records of {@code cluster}'s nodes that {@code which} selects. */
  static void delete(ResourceStore.Transaction tx, ResourceId cluster, Predicate<Recorded> which) {
    tx.list(ResourceQuery.ofType(TYPE).withUnder(cluster)).stream()
        .filter(r -> which.test(parse(r.id(), r.body())))
        .forEach(r -> tx.delete(r.id()));
  }

  private static Recorded parse(ResourceId id, JsonNode body) {
    JsonNode b = body.path("bootstrap");
    BootstrapProfile profile = new BootstrapProfile(b.path("artifactSource").asText(),
        Optional.ofNullable(b.get("containerRegistryServer")).map(JsonNode::asText),
        b.path("kubeletClientId").asText(), b.path("tenantId").asText(),
        b.path("outboundType").asText(), b.path("subnetId").asText(),
        b.path("kubernetesVersion").asText());
    ResourceId cluster = id.parent().orElseThrow();
    return new Recorded(cluster, body.path("pool").asText(), id.name(), profile);
  }
}
