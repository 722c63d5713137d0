package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ActionResult;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ProvisioningState;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.arm.Step;
import dev.isla.controlplane.port.BootstrapProfile;
import dev.isla.controlplane.port.NodePort;
import dev.isla.controlplane.port.NodeState;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft.ContainerService/managedClusters/agentPools: the one stored form of a node pool
 * (the cluster's {@code agentPoolProfiles} is derived from it). {@code upgradeNodeImageVersion}
 * (research/aks-isolation.md §4.3, §5.2) answers 202 with the pool in
 * {@code UpgradingNodeImageVersion} and reimages every node with the cluster's current
 * bootstrap. {@code GET …/agentPools/{p}/machines} lists the pool's nodes with the bootstrap
 * each one runs.
 */
public final class AgentPoolProvider implements ResourceProvider {

  static final String UPGRADING = "UpgradingNodeImageVersion";

  private final Arm arm;
  private final NodePort nodes;
  private final ClusterProvisioning provisioning;

  public AgentPoolProvider(Arm arm, NodePort nodes) {
    this.arm = arm;
    this.nodes = nodes;
    this.provisioning = new ClusterProvisioning(arm, nodes);
  }

  @Override
  public boolean recordsSystemData() {
    return true;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.AGENT_POOLS;
  }

  static ObjectNode stamped(ResourceId id, ObjectNode properties) {
    ObjectNode body = Json.object();
    body.put("id", id.toString());
    body.put("name", id.name());
    body.put("type", ResourceTypes.AGENT_POOLS.wireType());
    body.set("properties", properties);
    return body;
  }

  /** AKS's 409 when a pool of the cluster is in the middle of an operation. */
  static void checkNoPoolOperation(ResourceStore.Transaction tx, ResourceId cluster) {
    for (StoredResource pool : tx.list(ResourceQuery.ofType(ResourceTypes.AGENT_POOLS.key()).withParent(cluster))) {
      String state = ProvisioningState.of(pool.body());
      if (!ProvisioningState.isTerminal(state)) {
        throw ArmException.of(ArmErrorCode.AKS_OPERATION_NOT_ALLOWED,
            "agentpool operation (" + pool.id().name() + " - " + state + ")");
      }
    }
  }

  private static StoredResource idleCluster(ResourceStore.Transaction tx, ResourceId pool) {
    StoredResource cluster = tx.get(pool.parent().orElseThrow()).orElseThrow();
    String state = ProvisioningState.of(cluster.body());
    if (!ProvisioningState.isTerminal(state)) {
      throw ArmException.of(ArmErrorCode.AKS_OPERATION_NOT_ALLOWED, "operation (" + state + ")");
    }
    return cluster;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    AgentPoolBodies.checkName(request.id().name());
    StoredResource cluster = idleCluster(request.tx(), request.id());
    checkNoPoolOperation(request.tx(), cluster.id());
    JsonNode requested = request.body().path("properties");
    String version = requested.path("orchestratorVersion").isTextual()
        ? KubernetesVersions.resolve(requested.get("orchestratorVersion").asText())
        : cluster.body().path("properties").path("kubernetesVersion").asText();
    ObjectNode previous = request.existing().map(r -> (ObjectNode) r.body().path("properties")).orElse(Json.object());
    ObjectNode props = AgentPoolBodies.properties(requested, version, previous,
        request.existing().isPresent() ? "Updating" : "Creating");
    LinkedResourceRules.checkNodeSubnets(request.tx(), List.of(props));
    ObjectNode body = Json.object();
    body.set("properties", props);
    return Mutation.storeAsync(body, Step.of("provision"));
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    idleCluster(request.tx(), request.id());
    boolean lastSystem = request.existing().orElseThrow().body().path("properties").path("mode").asText().equals("System")
        && request.tx().list(ResourceQuery.ofType(type().key()).withParent(request.id().parent().orElseThrow())).stream()
            .filter(p -> !p.id().equals(request.id()))
            .noneMatch(p -> p.body().path("properties").path("mode").asText().equals("System"));
    if (lastSystem && !request.force()) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "Agent pool '" + request.id().name()
          + "' is the cluster's last System pool and cannot be deleted.");
    }
    return Mutation.deleteAsync(Step.of("delete"));
  }

  @Override
  public ActionResult action(String action, ResourceRequest request) {
    if (!action.toLowerCase(Locale.ROOT).equals("upgradenodeimageversion")) {
      throw ArmException.of(ArmErrorCode.UNKNOWN_ACTION, action, type().fullName());
    }
    idleCluster(request.tx(), request.id());
    checkNoPoolOperation(request.tx(), request.id().parent().orElseThrow());
    StoredResource pool = request.existing().orElseThrow();
    ObjectNode upgrading = ProvisioningState.set(pool.body(), UPGRADING);
    request.tx().put(pool.id(), pool.type(), upgrading);
    return new ActionResult(202, Optional.of(upgrading), Optional.of(Step.of("upgradeNodeImage")), false);
  }

  @Override
  public JsonNode finish(ResourceId id, Step step) {
    ResourceId cluster = id.parent().orElseThrow();
    if (step.name().equals("delete")) {
      nodes.deletePool(cluster.toString(), id.name());
      return Json.object();
    }
    StoredResource pool = arm.store().get(id).orElseThrow(() -> arm.notFound(id));
    ObjectNode clusterBody = arm.store().get(cluster).orElseThrow(() -> arm.notFound(cluster)).body();
    ClusterNames names = new ClusterNames(cluster, clusterBody.path("location").asText());
    BootstrapProfile profile = ClusterBootstrap.of(arm.store(), clusterBody, subnet(pool, cluster, names, clusterBody),
        arm.settings().tenantId());
    if (step.name().equals("upgradeNodeImage")) {
      provisioning.provisionPool(pool, names, profile, nodes::reimage, ProvisioningState.SUCCEEDED);
      String next = KubernetesVersions.nextNodeImage(pool.body().path("properties").path("nodeImageVersion").asText());
      provisioning.setPoolState(id, ProvisioningState.SUCCEEDED, next);
      return arm.store().get(id).orElseThrow().body();
    }
    provisioning.provisionPool(pool, names, profile, nodes::provision, ProvisioningState.SUCCEEDED);
    ObjectNode done = arm.store().get(id).orElseThrow().body();
    done.remove(List.of("id", "name", "type"));
    return done;
  }

  private String subnet(StoredResource pool, ResourceId cluster, ClusterNames names, ObjectNode clusterBody) {
    JsonNode own = pool.body().path("properties").path("vnetSubnetID");
    return own.isTextual() ? own.asText() : provisioning.nodeSubnet(cluster, names,
        clusterBody.path("properties").path("nodeResourceGroup").asText(), names.location()).toString();
  }

  @Override
  public JsonNode subResource(ResourceId id, List<String> subPath, Map<String, String> query) {
    if (!subPath.getFirst().equalsIgnoreCase("machines")) {
      return ResourceProvider.super.subResource(id, subPath, query);
    }
    ObjectNode cluster = arm.store().get(id.parent().orElseThrow()).orElseThrow().body();
    ArrayNode value = Json.array();
    List<NodeState> pool = nodes.nodes(id.parent().orElseThrow().toString()).stream()
        .filter(n -> n.pool().equalsIgnoreCase(id.name())).toList();
    for (NodeState node : pool) {
      value.add(Machines.view(id, node, cluster, arm));
    }
    if (subPath.size() == 2) {
      for (JsonNode machine : value) {
        if (machine.path("name").asText().equalsIgnoreCase(subPath.get(1))) {
          return machine;
        }
      }
      throw ArmException.of(ArmErrorCode.NOT_FOUND, "Machine '" + subPath.get(1) + "' was not found in agent pool '"
          + id.name() + "'.");
    }
    return Json.object().set("value", value);
  }
}
