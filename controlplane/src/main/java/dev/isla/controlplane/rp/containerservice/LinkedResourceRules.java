package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Optional;

/**
 * Managed-cluster rules about the resources a cluster points to: the BYO bootstrap registry,
 * the node subnets and the API server subnet with its role assignment
 * (research/aks-isolation.md §4.3, §5.4, seed "Integración con red virtual").
 */
final class LinkedResourceRules {

  static final String REGISTRY_TYPE = "microsoft.containerregistry/registries";
  static final String SUBNET_TYPE = "microsoft.network/virtualnetworks/subnets";
  static final String ROLE_ASSIGNMENT_TYPE = "microsoft.authorization/roleassignments";
  static final String NETWORK_CONTRIBUTOR = "4d97b98b-1d4f-4787-a291-c67834d212e7";
  /** Owner and Contributor include Network Contributor's permissions. */
  private static final List<String> GRANTS_SUBNET_JOIN = List.of(NETWORK_CONTRIBUTOR,
      "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c");

  private LinkedResourceRules() {}

  /**
   * A BYO registry must be a registry id that exists and is Premium (private endpoints need
   * Premium). The AKS-managed registry's own id is accepted as "managed".
   */
  static void checkRegistry(ResourceStore.Transaction tx, String registryId, ResourceId managedRegistry) {
    String property = "bootstrapProfile.containerRegistryId";
    ResourceId id;
    try {
      id = ResourceId.parse(registryId);
    } catch (IllegalArgumentException e) {
      throw registryError("'" + registryId + "' is not a valid Azure resource ID.", property);
    }
    if (id.equals(managedRegistry)) {
      return;
    }
    if (!id.typeName().equalsIgnoreCase("Microsoft.ContainerRegistry/registries")) {
      throw registryError("'" + registryId + "' is not the resource ID of a container registry "
          + "(Microsoft.ContainerRegistry/registries).", property);
    }
    StoredResource registry = tx.get(id).filter(r -> r.type().equals(REGISTRY_TYPE))
        .orElseThrow(() -> registryError("The container registry '" + registryId + "' was not found.", property));
    String sku = registry.body().path("sku").path("name").asText();
    if (!sku.equalsIgnoreCase("Premium")) {
      throw registryError("The container registry '" + id.name() + "' has SKU '" + sku
          + "'; a network isolated cluster needs a Premium registry (private endpoints require Premium).", property);
    }
  }

  private static ArmException registryError(String message, String property) {
    return ArmException.of(ArmErrorCode.AKS_BOOTSTRAP_REGISTRY_INVALID, message).target(property);
  }

  /** Every pool's {@code vnetSubnetID} must be an existing subnet. */
  static void checkNodeSubnets(ResourceStore.Transaction tx, List<ObjectNode> pools) {
    for (ObjectNode pool : pools) {
      if (pool.has("vnetSubnetID")) {
        subnet(tx, pool.get("vnetSubnetID").asText(), "agentPoolProfile.vnetSubnetID");
      }
    }
  }

  /**
   * API server VNet integration with a BYO VNet: {@code apiServerAccessProfile.subnetId} must
   * be an existing subnet of the node subnet's VNet, not the node subnet itself, and the
   * control-plane identity must hold Network Contributor on it (or a scope above it).
   */
  static void checkApiServerSubnet(ResourceStore.Transaction tx, ObjectNode body, List<ObjectNode> pools,
      String principalId) {
    JsonNode api = body.path("properties").path("apiServerAccessProfile");
    Optional<String> nodeSubnet = pools.stream().filter(p -> p.has("vnetSubnetID"))
        .map(p -> p.get("vnetSubnetID").asText()).findFirst();
    String property = "apiServerAccessProfile.subnetId";
    if (!api.path("enableVnetIntegration").asBoolean()) {
      return;
    }
    if (nodeSubnet.isEmpty()) {
      return;
    }
    if (!api.has("subnetId")) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "API server VNet integration with a custom "
          + "virtual network requires apiServerAccessProfile.subnetId: a subnet of the cluster's virtual network.")
          .target(property);
    }
    ResourceId apiSubnet = subnet(tx, api.get("subnetId").asText(), property);
    ResourceId node = ResourceId.parse(nodeSubnet.get());
    if (apiSubnet.equals(node)) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "The API server subnet must not be the node "
          + "subnet '" + node + "'.").target(property);
    }
    if (!apiSubnet.parent().equals(node.parent())) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "The API server subnet '" + apiSubnet
          + "' must be in the same virtual network as the node subnet '" + node + "'.").target(property);
    }
    checkNetworkContributor(tx, apiSubnet, principalId);
  }

  private static void checkNetworkContributor(ResourceStore.Transaction tx, ResourceId subnet, String principalId) {
    boolean granted = tx.list(ResourceQuery.ofType(ROLE_ASSIGNMENT_TYPE)).stream()
        .filter(r -> covers(ResourceId.parse(r.id().scope()), subnet))
        .map(r -> r.body().path("properties"))
        .anyMatch(p -> p.path("principalId").asText().equalsIgnoreCase(principalId)
            && GRANTS_SUBNET_JOIN.stream().anyMatch(role -> p.path("roleDefinitionId").asText().toLowerCase().endsWith(role)));
    if (!granted) {
      throw ArmException.of(ArmErrorCode.AKS_SUBNET_PERMISSION_MISSING, "The cluster identity (principal id '"
          + principalId + "') needs the Network Contributor role on the API server subnet '" + subnet
          + "' to integrate the API server with it. Grant it with 'az role assignment create --scope " + subnet
          + " --role \"Network Contributor\" --assignee-object-id " + principalId
          + " --assignee-principal-type ServicePrincipal'.").target("apiServerAccessProfile.subnetId");
    }
  }

  private static boolean covers(ResourceId scope, ResourceId target) {
    return scope.contains(target);
  }

  private static ResourceId subnet(ResourceStore.Transaction tx, String subnetId, String property) {
    ResourceId id;
    try {
      id = ResourceId.parse(subnetId);
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "The value of parameter " + property
          + " is invalid: '" + subnetId + "' is not a valid Azure resource ID.").target(property);
    }
    if (tx.get(id).filter(r -> r.type().equals(SUBNET_TYPE)).isEmpty()) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "The subnet '" + subnetId + "' (" + property
          + ") was not found.").target(property);
    }
    return id;
  }
}
