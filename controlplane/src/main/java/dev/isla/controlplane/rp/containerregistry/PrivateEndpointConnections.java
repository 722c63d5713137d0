package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A registry's private endpoint connections, derived from the
 * {@code Microsoft.Network/privateEndpoints} whose (automatic or manual) private link service
 * connections point at the registry (research/aks-isolation.md §4.4–4.5). Never stored on the
 * registry: the endpoint is the one source of truth. Connections the endpoint reports as
 * {@code Disconnected} (its registry was deleted) are not the registry's any more.
 */
final class PrivateEndpointConnections {

  static final String TYPE = "Microsoft.ContainerRegistry/registries/privateEndpointConnections";
  static final String DISCONNECTED = "Disconnected";

  private PrivateEndpointConnections() {}

  /** One connection of a private endpoint to a registry. */
  record Connection(ResourceId id, ResourceId privateEndpoint, JsonNode state, JsonNode groupIds) {

    boolean isApproved() {
      return state.path("status").asText().equals("Approved");
    }

    ObjectNode toJson() {
      ObjectNode out = Json.object();
      out.put("id", id.toString());
      out.put("name", id.name());
      out.put("type", TYPE);
      ObjectNode properties = out.putObject("properties");
      properties.putObject("privateEndpoint").put("id", privateEndpoint.toString());
      properties.set("privateLinkServiceConnectionState", state);
      properties.set("groupIds", groupIds);
      properties.put("provisioningState", "Succeeded");
      return out;
    }
  }

  /** The connections to {@code registry}, in the order of their endpoints' ids. */
  static List<Connection> of(Function<ResourceQuery, List<StoredResource>> list, ResourceId registry) {
    List<Connection> out = new ArrayList<>();
    for (StoredResource pe : list.apply(ResourceQuery.ofType(ResourceTypes.PRIVATE_ENDPOINTS.key()))) {
      for (JsonNode link : links(pe.body())) {
        JsonNode p = link.path("properties");
        String target = p.path("privateLinkServiceId").asText("");
        JsonNode state = p.path("privateLinkServiceConnectionState");
        if (target.equalsIgnoreCase(registry.toString())
            && !state.path("status").asText().equals(DISCONNECTED)) {
          out.add(new Connection(connectionId(registry, pe.id()), pe.id(), stateOf(state),
              p.path("groupIds").isArray() ? p.get("groupIds") : Json.array().add("registry")));
        }
      }
    }
    return out;
  }

  /** Both the automatically approved and the manual connections of an endpoint. */
  static List<JsonNode> links(JsonNode peBody) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode properties = peBody.path("properties");
    properties.path("privateLinkServiceConnections").forEach(out::add);
    properties.path("manualPrivateLinkServiceConnections").forEach(out::add);
    return out;
  }

  private static JsonNode stateOf(JsonNode state) {
    if (state.isObject() && state.has("status")) {
      return state;
    }
    // Same-tenant creator with RBAC: ACR approves at once (research §4.4).
    return Json.object().put("status", "Approved").put("description", "Auto-Approved")
        .put("actionsRequired", "None");
  }

  /** {@code <registry>/privateEndpointConnections/<pe-name>.<stable guid of the endpoint id>}. */
  static ResourceId connectionId(ResourceId registry, ResourceId privateEndpoint) {
    UUID stable = UUID.nameUUIDFromBytes(privateEndpoint.key().getBytes(StandardCharsets.UTF_8));
    return registry.child("privateEndpointConnections", privateEndpoint.name() + "." + stable);
  }

  static ArrayNode toJson(List<Connection> connections) {
    ArrayNode out = Json.array();
    connections.forEach(c -> out.add(c.toJson()));
    return out;
  }
}
