package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Locations;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ProvisioningState;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.arm.Step;
import dev.isla.controlplane.port.RegistryStorage;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft.ContainerRegistry/registries, api 2025-11-01 (research/aks-isolation.md §4.4).
 *
 * <p>Creation is long-running as in ACR: 201 {@code Creating} with {@code Azure-AsyncOperation},
 * then {@code Succeeded}; updates (PUT or PATCH, {@code az acr update}) apply at once through the
 * same rules ({@link RegistryBody}). Names are unique across the cloud, case-insensitively.
 * {@code privateEndpointConnections}, and the dedicated data endpoint they switch on, are derived
 * from the private endpoints that point at the registry. Deleting a registry deletes its cache
 * rules and role assignments (everything below its id) and disconnects its private endpoints.
 */
public final class RegistryProvider implements ResourceProvider {

  private final Arm arm;
  private final RegistryStorage storage;

  public RegistryProvider(Arm arm, RegistryStorage storage) {
    this.arm = arm;
    this.storage = storage;
  }

  @Override
  public boolean recordsSystemData() {
    return true;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.REGISTRIES;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    RegistryName name = RegistryName.parse(request.id().name());
    Optional<ObjectNode> stored = request.existing().map(StoredResource::body);
    ObjectNode body = request.body();
    if (stored.isEmpty()) {
      checkNameFree(request, name);
    }
    RegistrySku sku = RegistryBody.sku(body, stored);
    if (sku != RegistrySku.PREMIUM
        && !PrivateEndpointConnections.of(request.tx()::list, request.id()).isEmpty()) {
      throw RegistryBody.notOnTier("Private endpoints", sku);
    }
    ObjectNode out = Json.object();
    out.put("location", Locations.orGroup(arm, body, request.existing(), request.id()));
    out.set("tags", body.path("tags").isObject() ? body.get("tags")
        : stored.map(b -> b.path("tags")).filter(JsonNode::isObject).orElse(Json.object()));
    out.putObject("sku").put("name", sku.wireName()).put("tier", sku.wireName());
    ObjectNode properties = RegistryBody.properties(body, stored, name, sku, arm.clock().instant());
    out.set("properties", properties);
    if (stored.isPresent()) {
      properties.put("provisioningState", ProvisioningState.SUCCEEDED);
      return Mutation.store(out);
    }
    properties.put("provisioningState", "Creating");
    return Mutation.storeAsync(out, Step.of("create"));
  }

  private static void checkNameFree(ResourceRequest request, RegistryName name) {
    for (StoredResource other : request.tx().list(ResourceQuery.ofType(ResourceTypes.REGISTRIES.key()))) {
      if (other.id().name().equalsIgnoreCase(name.key())) {
        throw ArmException.of(ArmErrorCode.REGISTRY_NAME_IN_USE, name.loginServer());
      }
    }
  }

  @Override
  public JsonNode finish(ResourceId id, Step step) {
    // Nothing to provision in the control plane: the data plane serves every stored registry.
    ObjectNode body = arm.store().get(id).orElseThrow(() -> arm.notFound(id)).body();
    return ProvisioningState.set(body, ProvisioningState.SUCCEEDED);
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    for (StoredResource pe : request.tx().list(ResourceQuery.ofType(ResourceTypes.PRIVATE_ENDPOINTS.key()))) {
      ObjectNode body = pe.body();
      if (disconnect(body, request.id())) {
        request.tx().put(pe.id(), pe.type(), body);
      }
    }
    return Mutation.delete();
  }

  /** Marks the endpoint's connections to {@code registry} Disconnected, as ACR does on delete. */
  private static boolean disconnect(ObjectNode peBody, ResourceId registry) {
    boolean changed = false;
    for (JsonNode link : PrivateEndpointConnections.links(peBody)) {
      JsonNode p = link.path("properties");
      if (p.path("privateLinkServiceId").asText("").equalsIgnoreCase(registry.toString()) && p.isObject()) {
        ((ObjectNode) p).putObject("privateLinkServiceConnectionState")
            .put("status", PrivateEndpointConnections.DISCONNECTED)
            .put("description", "The private link resource was deleted.")
            .put("actionsRequired", "None");
        changed = true;
      }
    }
    return changed;
  }

  @Override
  public ObjectNode view(StoredResource resource) {
    ObjectNode body = resource.body();
    ObjectNode properties = (ObjectNode) body.get("properties");
    List<PrivateEndpointConnections.Connection> connections =
        PrivateEndpointConnections.of(arm.store()::list, resource.id());
    boolean dataEndpoint = properties.path("dataEndpointEnabled").asBoolean(false)
        || connections.stream().anyMatch(PrivateEndpointConnections.Connection::isApproved);
    ArrayNode hostNames = Json.array();
    if (dataEndpoint) {
      hostNames.add(RegistryName.parse(resource.id().name()).dataEndpoint(body.path("location").asText()));
    }
    properties.put("dataEndpointEnabled", dataEndpoint);
    properties.set("dataEndpointHostNames", hostNames);
    properties.set("privateEndpointConnections", PrivateEndpointConnections.toJson(connections));
    return reorderProperties(body);
  }

  /** ACR's property order, so that the golden shape and az's output read as ACR's do. */
  private static ObjectNode reorderProperties(ObjectNode body) {
    ObjectNode p = (ObjectNode) body.get("properties");
    ObjectNode ordered = Json.object();
    for (String key : List.of("loginServer", "creationDate", "provisioningState", "adminUserEnabled",
        "networkRuleSet", "policies", "encryption", "status", "dataEndpointEnabled",
        "dataEndpointHostNames", "privateEndpointConnections", "publicNetworkAccess",
        "networkRuleBypassOptions", "networkRuleBypassAllowedForTasks", "zoneRedundancy",
        "anonymousPullEnabled", "roleAssignmentMode")) {
      if (p.has(key)) {
        ordered.set(key, p.get(key));
      }
    }
    p.fields().forEachRemaining(e -> ordered.putIfAbsent(e.getKey(), e.getValue()));
    body.set("properties", ordered);
    return body;
  }

  @Override
  public JsonNode subResource(ResourceId id, List<String> subPath, Map<String, String> query) {
    StoredResource registry = arm.store().get(id).orElseThrow(() -> arm.notFound(id));
    String location = registry.body().path("location").asText();
    return switch (subPath.getFirst().toLowerCase(java.util.Locale.ROOT)) {
      case "listusages" -> RegistryUsages.of(RegistryBody.sku(registry.body(), Optional.empty()),
          storage.bytes(id.name()));
      case "privatelinkresources" -> privateLinkResources(id, location, subPath);
      default -> ResourceProvider.super.subResource(id, subPath, query);
    };
  }

  private static JsonNode privateLinkResources(ResourceId id, String location, List<String> subPath) {
    ObjectNode registryGroup = Json.object();
    registryGroup.put("id", id + "/privateLinkResources/registry");
    registryGroup.put("name", "registry");
    registryGroup.put("type", "Microsoft.ContainerRegistry/registries/privateLinkResources");
    ObjectNode p = registryGroup.putObject("properties");
    p.put("groupId", "registry");
    p.putArray("requiredMembers").add("registry").add("registry_data_" + location);
    p.putArray("requiredZoneNames").add("privatelink.azurecr.io");
    if (subPath.size() == 1) {
      return Json.object().set("value", Json.array().add(registryGroup));
    }
    if (subPath.size() == 2 && subPath.get(1).equalsIgnoreCase("registry")) {
      return registryGroup;
    }
    throw ArmException.of(ArmErrorCode.NOT_FOUND, "The private link resource '"
        + String.join("/", subPath.subList(1, subPath.size())) + "' of registry '" + id.name()
        + "' was not found. The only group is 'registry'.");
  }
}
