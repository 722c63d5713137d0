package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.ProvisioningState;
import dev.isla.controlplane.port.BootstrapProfile;
import dev.isla.controlplane.port.NodePoolSpec;
import dev.isla.controlplane.port.NodePort;
import dev.isla.controlplane.port.NodeState;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.function.Function;

/**
 * The long-running part of a managed-cluster PUT and DELETE. {@link #reconcile} runs the
 * provisioning pipeline in order: node resource group, node subnet (AKS-managed VNet unless
 * BYO), a private cluster's API server address and DNS record ({@link PrivateApiServer}), kubelet identity, bootstrap registry (AKS-managed when Cache without a registry id),
 * nodes of every pool. Every step is idempotent, so a resumed operation and a later update
 * both reconcile what was deleted meanwhile.
 */
final class ClusterProvisioning {

  private final Arm arm;
  private final NodePort nodes;
  private final DependentResources resources;
  private final ManagedRegistry registry;
  private final PrivateApiServer apiServer;

  ClusterProvisioning(Arm arm, NodePort nodes) {
    this.arm = arm;
    this.nodes = nodes;
    this.resources = new DependentResources(arm);
    this.registry = new ManagedRegistry(arm, resources);
    this.apiServer = new PrivateApiServer(resources, arm.store());
  }

  /** Runs the pipeline; returns the cluster's final body. Throws the AKS error of a failed node. */
  ObjectNode reconcile(ResourceId id) {
    ObjectNode cluster = arm.store().get(id).orElseThrow(() -> arm.notFound(id)).body();
    ObjectNode p = (ObjectNode) cluster.get("properties");
    String location = cluster.path("location").asText();
    ClusterNames names = new ClusterNames(id, location);
    String group = p.path("nodeResourceGroup").asText();
    ensureNodeResourceGroup(names.nodeResourceGroupId(group), location, id);
    ResourceId subnet = nodeSubnet(id, names, group, location);
    ObjectNode kubelet = ensureKubeletIdentity((ObjectNode) p.path("identityProfile").path("kubeletidentity"), location);
    if (p.path("bootstrapProfile").path("artifactSource").asText().equals("Cache")
        && isManaged(p.path("bootstrapProfile"), names, group)) {
      ResourceId managed = registry.ensure(new ManagedRegistry.Target(names, group, location, subnet,
          kubelet.path("objectId").asText()));
      ((ObjectNode) p.get("bootstrapProfile")).put("containerRegistryId", managed.toString());
    }
    apiServer.ensure(names, group, p, subnet);
    BootstrapProfile profile = ClusterBootstrap.of(arm.store(), cluster, subnet.toString(), arm.settings().tenantId());
    provisionPools(id, names, profile, spec -> nodes.provision(spec));
    ProvisioningState.set(cluster, ProvisioningState.SUCCEEDED);
    return cluster;
  }

  static boolean isManaged(JsonNode bootstrap, ClusterNames names, String group) {
    String given = bootstrap.path("containerRegistryId").asText("");
    return given.isBlank() || ResourceId.parse(given).equals(names.managedRegistry(group));
  }

  private void ensureNodeResourceGroup(ResourceId group, String location, ResourceId cluster) {
    if (arm.store().get(group).isEmpty()) {
      ObjectNode body = Json.object().put("location", location).put("managedBy", cluster.toString());
      arm.writeAndWait(Arm.Write.put(group, body));
    }
  }

  /** The BYO node subnet of the first pool that has one, else the AKS-managed VNet's subnet. */
  ResourceId nodeSubnet(ResourceId cluster, ClusterNames names, String group, String location) {
    for (StoredResource pool : pools(cluster)) {
      JsonNode subnet = pool.body().path("properties").path("vnetSubnetID");
      if (subnet.isTextual()) {
        return ResourceId.parse(subnet.asText());
      }
    }
    ResourceId vnet = names.managedVnet(group);
    ObjectNode body = Json.object().put("location", location);
    ObjectNode vp = body.putObject("properties");
    vp.putObject("addressSpace").putArray("addressPrefixes").add("10.224.0.0/12");
    resources.ensure(vnet, ResourceTypes.VIRTUAL_NETWORKS, body);
    ObjectNode subnet = Json.object();
    subnet.putObject("properties").put("addressPrefix", "10.224.0.0/16");
    resources.ensure(names.managedSubnet(group), ResourceTypes.SUBNETS, subnet);
    return names.managedSubnet(group);
  }

  /** Creates the AKS-owned {@code <cluster>-agentpool} identity if needed; fills in its ids. */
  private ObjectNode ensureKubeletIdentity(ObjectNode kubelet, String location) {
    ResourceId id = ResourceId.parse(kubelet.path("resourceId").asText());
    ObjectNode body = Json.object().put("location", location);
    if (arm.provider(ResourceTypes.USER_ASSIGNED_IDENTITIES).isEmpty()) {
      ObjectNode p = body.putObject("properties");
      p.put("tenantId", arm.settings().tenantId());
      p.put("principalId", java.util.UUID.nameUUIDFromBytes(("principal:" + id.key()).getBytes()).toString());
      p.put("clientId", java.util.UUID.nameUUIDFromBytes(("client:" + id.key()).getBytes()).toString());
    }
    JsonNode identity = resources.ensure(id, ResourceTypes.USER_ASSIGNED_IDENTITIES, body).path("properties");
    kubelet.put("clientId", identity.path("clientId").asText());
    kubelet.put("objectId", identity.path("principalId").asText());
    return kubelet;
  }

  List<StoredResource> pools(ResourceId cluster) {
    return arm.store().list(ResourceQuery.ofType(ResourceTypes.AGENT_POOLS.key()).withParent(cluster));
  }

  /** Applies {@code action} to every pool; a pool whose nodes failed becomes Failed and fails the call. */
  void provisionPools(ResourceId cluster, ClusterNames names, BootstrapProfile profile,
      Function<NodePoolSpec, List<NodeState>> action) {
    for (StoredResource pool : pools(cluster)) {
      provisionPool(pool, names, profile, action, ProvisioningState.SUCCEEDED);
    }
  }

  void provisionPool(StoredResource pool, ClusterNames names, BootstrapProfile profile,
      Function<NodePoolSpec, List<NodeState>> action, String successState) {
    JsonNode p = pool.body().path("properties");
    NodePoolSpec spec = new NodePoolSpec(names.cluster().toString(), pool.id().name(),
        names.scaleSet(pool.id().name()), p.path("count").asInt(), p.path("vmSize").asText(), profile);
    List<NodeState> result = action.apply(spec);
    NodeState failed = result.stream().filter(n -> !n.ready()).findFirst().orElse(null);
    setPoolState(pool.id(), failed == null ? successState : ProvisioningState.FAILED, null);
    if (failed != null) {
      var f = failed.failure().orElseThrow();
      throw ArmException.of(ArmErrorCode.NODE_PROVISIONING_FAILED, "VM has reported a failure when processing "
          + "extension 'vmssCSE' of node '" + failed.name() + "' (agent pool '" + spec.pool() + "', bootstrap phase '"
          + f.phase() + "'). Error message: \"Enable failed: failed to execute command: command terminated with "
          + "exit status=" + f.exitCode() + "\" " + f.cause());
    }
  }

  void setPoolState(ResourceId pool, String state, String nodeImageVersion) {
    arm.store().transaction(tx -> tx.get(pool).map(r -> {
      ObjectNode body = ProvisioningState.set(r.body(), state);
      if (nodeImageVersion != null) {
        ((ObjectNode) body.get("properties")).put("nodeImageVersion", nodeImageVersion);
      }
      return tx.put(pool, r.type(), body);
    }).orElse(null));
  }

  /** Deletes the nodes, then the node resource group with everything AKS put in it. */
  void delete(ResourceId id) {
    nodes.deleteCluster(id.toString());
    apiServer.release(id);
    arm.store().get(id).ifPresent(cluster -> {
      String group = cluster.body().path("properties").path("nodeResourceGroup").asText();
      if (!group.isBlank()) {
        resources.deleteGroup(ResourceId.resourceGroup(id.subscriptionId(), group));
      }
    });
  }
}
