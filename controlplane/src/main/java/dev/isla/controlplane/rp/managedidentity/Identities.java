package dev.isla.controlplane.rp.managedidentity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Read-side queries over the user-assigned identities of the cloud; GUIDs compare case-insensitively. */
public final class Identities {

  private Identities() {}

  /** Every identity, ordered by id. */
  public static List<Identity> all(ResourceStore store) {
    return store.list(ResourceQuery.ofType(ResourceTypes.USER_ASSIGNED_IDENTITIES.key())).stream()
        .map(Identities::of).toList();
  }

  /** The identity whose service principal has this object id. */
  public static Optional<Identity> byPrincipalId(ResourceStore store, String principalId) {
    return find(store, i -> i.principalId().equalsIgnoreCase(principalId));
  }

  /** The identity with this client (application) id. */
  public static Optional<Identity> byClientId(ResourceStore store, String clientId) {
    return find(store, i -> i.clientId().equalsIgnoreCase(clientId));
  }

  /** The identity with this ARM id (case-insensitive). */
  public static Optional<Identity> byResourceId(ResourceStore store, ResourceId id) {
    return store.get(id).filter(r -> r.type().equals(ResourceTypes.USER_ASSIGNED_IDENTITIES.key()))
        .map(Identities::of);
  }

  private static Optional<Identity> find(ResourceStore store, Predicate<Identity> test) {
    return all(store).stream().filter(test).findFirst();
  }

  private static Identity of(StoredResource r) {
    JsonNode p = r.body().path("properties");
    return new Identity(r.id(), r.body().path("location").asText(), p.path("tenantId").asText(),
        p.path("principalId").asText(), p.path("clientId").asText());
  }
}
