package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ProvisioningState;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-side queries over the registries in a store, for the registry data plane: every registry
 * whose creation succeeded, with the derived state (data endpoints, private endpoints) computed
 * exactly as {@code GET registry} shows it.
 */
public final class Registries {

  private Registries() {}

  /** Every registry of the cloud that finished creating, ordered by id. */
  public static List<Registry> all(ResourceStore store) {
    List<Registry> out = new ArrayList<>();
    for (StoredResource r : store.list(ResourceQuery.ofType(ResourceTypes.REGISTRIES.key()))) {
      if (ProvisioningState.of(r.body()).equals(ProvisioningState.SUCCEEDED)) {
        out.add(of(store, r));
      }
    }
    return out;
  }

  /** The registry serving {@code host} as login server or data endpoint (case-insensitive). */
  public static Optional<Registry> byLoginServer(ResourceStore store, String host) {
    return all(store).stream().filter(r -> r.serves(host)).findFirst();
  }

  /** The registry with this id, whatever its provisioning state. */
  public static Optional<Registry> byId(ResourceStore store, ResourceId id) {
    return store.get(id).filter(r -> r.type().equals(ResourceTypes.REGISTRIES.key()))
        .map(r -> of(store, r));
  }

  private static Registry of(ResourceStore store, StoredResource r) {
    JsonNode body = r.body();
    JsonNode p = body.path("properties");
    RegistryName name = RegistryName.parse(r.id().name());
    String location = body.path("location").asText();
    List<PrivateEndpointConnections.Connection> connections =
        PrivateEndpointConnections.of(store::list, r.id());
    boolean dataEndpoint = p.path("dataEndpointEnabled").asBoolean(false)
        || connections.stream().anyMatch(PrivateEndpointConnections.Connection::isApproved);
    return new Registry(r.id(), r.id().name(), name.loginServer(),
        dataEndpoint ? List.of(name.dataEndpoint(location)) : List.of(), location,
        RegistrySku.parse(body.path("sku").path("name").asText()),
        p.path("publicNetworkAccess").asText("Enabled"),
        p.path("anonymousPullEnabled").asBoolean(false),
        connections.stream().filter(PrivateEndpointConnections.Connection::isApproved)
            .map(PrivateEndpointConnections.Connection::privateEndpoint).toList());
  }
}
