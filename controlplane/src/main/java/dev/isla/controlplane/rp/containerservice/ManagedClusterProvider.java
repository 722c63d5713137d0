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
import dev.isla.controlplane.arm.Locations;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ProvisioningState;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.arm.Step;
import dev.isla.controlplane.port.NodePort;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft.ContainerService/managedClusters (research/aks-isolation.md §4.3, §5). A PUT
 * validates everything at once (nothing is stored when refused), stores the cluster as
 * {@code Creating}/{@code Updating} with its agent pools as child resources, and finishes in
 * {@link ClusterProvisioning}. {@code agentPoolProfiles} is derived from the child pools.
 * Actions: {@code runCommand} (results under {@code commandResults/{id}}),
 * {@code listClusterUserCredential}, {@code listClusterAdminCredential}.
 */
public final class ManagedClusterProvider implements ResourceProvider {

  private final Arm arm;
  private final ClusterProvisioning provisioning;
  private final RunCommands commands;

  public ManagedClusterProvider(Arm arm, NodePort nodes) {
    this.arm = arm;
    this.provisioning = new ClusterProvisioning(arm, nodes);
    this.commands = new RunCommands(arm, nodes);
  }

  @Override
  public boolean recordsSystemData() {
    return true;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.MANAGED_CLUSTERS;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    ObjectNode in = request.body();
    String location = Locations.required(arm.settings(), in, request.existing());
    Optional<ObjectNode> previous = request.existing().map(StoredResource::body);
    ClusterNames names = new ClusterNames(request.id(), location);
    previous.ifPresent(p -> {
      ClusterRules.checkImmutable(in, p, location);
      AgentPoolProvider.checkNoPoolOperation(request.tx(), request.id());
    });
    ObjectNode body = ClusterBody.build(in, previous, names);
    ObjectNode p = (ObjectNode) body.get("properties");
    ObjectNode identity = ClusterIdentities.controlPlane(in.path("identity"), previous.map(b -> b.path("identity")),
        request.tx(), names, arm.settings().tenantId());
    body.set("identity", identity);
    p.set("identityProfile", ClusterIdentities.kubelet(in.path("properties").path("identityProfile"),
        previous.map(b -> b.path("properties").path("identityProfile")), identity, request.tx(), names,
        p.path("nodeResourceGroup").asText()));
    List<ObjectNode> pools = previous.isPresent() ? storedPools(request.tx(), request.id())
        : requestedPools(in.path("properties").path("agentPoolProfiles"), p.path("kubernetesVersion").asText());
    validate(request, body, previous, pools, names, identity);
    if (previous.isEmpty()) {
      storePools(request, pools);
    }
    moveBodyField(body);
    return Mutation.storeAsync(body, Step.of(previous.isPresent() ? "update" : "create"));
  }

  private void validate(ResourceRequest request, ObjectNode body, Optional<ObjectNode> previous,
      List<ObjectNode> pools, ClusterNames names, ObjectNode identity) {
    JsonNode p = body.path("properties");
    ClusterRules.checkFeatures(arm.store(), request.id().subscriptionId(), body);
    ClusterRules.checkIsolation(body, previous, pools);
    JsonNode registry = p.path("bootstrapProfile").path("containerRegistryId");
    if (registry.isTextual()) {
      LinkedResourceRules.checkRegistry(request.tx(), registry.asText(),
          names.managedRegistry(p.path("nodeResourceGroup").asText()));
    }
    LinkedResourceRules.checkNodeSubnets(request.tx(), pools);
    LinkedResourceRules.checkApiServerSubnet(request.tx(), body, pools, ClusterIdentities.principalId(identity));
  }

  /** {@code location}, {@code tags}, {@code sku}, {@code identity}, then {@code properties}, as AKS orders them. */
  private static void moveBodyField(ObjectNode body) {
    JsonNode properties = body.remove("properties");
    body.set("properties", properties);
  }

  private static List<ObjectNode> requestedPools(JsonNode profiles, String version) {
    List<ObjectNode> pools = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    JsonNode list = profiles.isArray() && !profiles.isEmpty() ? profiles
        : Json.array().add(Json.object().put("name", "nodepool1"));
    for (JsonNode profile : list) {
      String name = profile.path("name").asText("nodepool1");
      AgentPoolBodies.checkName(name);
      if (seen.contains(name)) {
        throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "Agent pool names must be unique; '" + name
            + "' appears twice in agentPoolProfiles.").target("agentPoolProfiles");
      }
      seen.add(name);
      ObjectNode props = AgentPoolBodies.properties(profile, version, Json.object(), "Creating");
      props.put("name", name);
      pools.add(props);
    }
    if (pools.stream().noneMatch(pl -> pl.path("mode").asText().equals("System"))) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "A managed cluster needs at least one agent pool in mode 'System'.").target("agentPoolProfiles");
    }
    return pools;
  }

  private static List<ObjectNode> storedPools(ResourceStore.Transaction tx, ResourceId cluster) {
    List<ObjectNode> out = new ArrayList<>();
    for (StoredResource r : tx.list(ResourceQuery.ofType(ResourceTypes.AGENT_POOLS.key()).withParent(cluster))) {
      ObjectNode props = (ObjectNode) r.body().path("properties");
      props.put("name", r.id().name());
      out.add(props);
    }
    return out;
  }

  private static void storePools(ResourceRequest request, List<ObjectNode> pools) {
    for (ObjectNode props : pools) {
      String name = props.remove("name").asText();
      ResourceId id = request.id().child("agentPools", name);
      request.tx().put(id, ResourceTypes.AGENT_POOLS.key(), AgentPoolProvider.stamped(id, props));
    }
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    AgentPoolProvider.checkNoPoolOperation(request.tx(), request.id());
    return Mutation.deleteAsync(Step.of("delete"));
  }

  @Override
  public ArmException operationInProgress(StoredResource resource) {
    return ArmException.of(ArmErrorCode.AKS_OPERATION_NOT_ALLOWED,
        "operation (" + ProvisioningState.of(resource.body()) + ")");
  }

  @Override
  public ActionResult action(String action, ResourceRequest request) {
    return switch (action.toLowerCase(Locale.ROOT)) {
      case "runcommand" -> commands.start(request);
      case "listclusterusercredential" -> ActionResult.ok(Kubeconfigs.credentials(request, "clusterUser"));
      case "listclusteradmincredential" -> ActionResult.ok(Kubeconfigs.credentials(request, "clusterAdmin"));
      default -> throw ArmException.of(ArmErrorCode.UNKNOWN_ACTION, action, type().fullName());
    };
  }

  @Override
  public JsonNode subResource(ResourceId id, List<String> subPath, Map<String, String> query) {
    if (subPath.size() == 2 && subPath.getFirst().equalsIgnoreCase("commandResults")) {
      return commands.result(id, subPath.get(1));
    }
    return ResourceProvider.super.subResource(id, subPath, query);
  }

  @Override
  public JsonNode finish(ResourceId id, Step step) {
    return switch (step.name()) {
      case "create", "update" -> provisioning.reconcile(id);
      case "delete" -> {
        provisioning.delete(id);
        yield Json.object();
      }
      case "runCommand" -> commands.run(id, step);
      default -> throw new IllegalStateException("unknown step " + step.name());
    };
  }

  @Override
  public ObjectNode view(StoredResource resource) {
    ObjectNode body = resource.body();
    ArrayNode profiles = Json.array();
    for (StoredResource pool : provisioning.pools(resource.id())) {
      profiles.add(AgentPoolBodies.inline(pool.id().name(), pool.body().path("properties")));
    }
    ((ObjectNode) body.get("properties")).set("agentPoolProfiles", profiles);
    return body;
  }
}
