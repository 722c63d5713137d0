package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.ProvisioningState;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How AKS creates and deletes the resources it owns (node resource group, kubelet identity,
 * managed VNet and registry, private endpoint, DNS): through the engine, so that each type's own
 * provider applies its rules. While a type has no provider registered in this build (the
 * network, registry, identity and authorization providers land separately), the request body is
 * stored as the resource instead, so the cluster's flows work and the resources are visible;
 * this bridge disappears by itself once the provider is registered.
 */
final class DependentResources {

  private final Arm arm;

  DependentResources(Arm arm) {
    this.arm = arm;
  }

  /** Creates {@code id} with {@code body} unless it exists; returns the resource as GET shows it. */
  ObjectNode ensure(ResourceId id, ResourceType type, ObjectNode body) {
    Optional<ObjectNode> existing = find(id, type);
    if (existing.isPresent()) {
      return existing.get();
    }
    return put(id, type, body);
  }

  /** Creates or updates {@code id}. */
  ObjectNode put(ResourceId id, ResourceType type, ObjectNode body) {
    if (arm.provider(type).isPresent()) {
      return arm.writeAndWait(Arm.Write.put(id, body)).orElseThrow();
    }
    ObjectNode stored = Json.object();
    stored.put("id", id.toString());
    stored.put("name", id.name());
    stored.put("type", type.wireType());
    stored.setAll(body.deepCopy());
    ProvisioningState.set(stored, ProvisioningState.SUCCEEDED);
    return arm.store().transaction(tx -> tx.put(id, type.key(), stored)).body();
  }

  Optional<ObjectNode> find(ResourceId id, ResourceType type) {
    if (arm.provider(type).isPresent()) {
      return arm.find(id);
    }
    return arm.store().get(id).map(StoredResource::body);
  }

  /** Deletes {@code id} (and what lies below it). */
  void delete(ResourceId id, ResourceType type) {
    if (arm.provider(type).isPresent()) {
      arm.writeAndWait(Arm.Write.delete(id, true));
      return;
    }
    removeStored(id);
  }

  /**
   * Deletes a resource group AKS owns with everything in it: resources of types without a
   * provider first (the engine could not route them), then the group through the engine.
   */
  void deleteGroup(ResourceId group) {
    List<StoredResource> orphans = arm.store().list(ResourceQuery.all().withUnder(group)).stream()
        .filter(r -> r.id().resourceType().flatMap(arm::provider).isEmpty())
        .filter(r -> !r.type().startsWith("isla.internal"))
        .toList();
    orphans.forEach(r -> removeStored(r.id()));
    if (arm.store().get(group).isPresent()) {
      arm.writeAndWait(Arm.Write.delete(group, true));
    }
  }

  private void removeStored(ResourceId id) {
    arm.store().transaction(tx -> {
      List<StoredResource> below = tx.list(ResourceQuery.all().withUnder(id)).stream()
          .filter(r -> !r.type().startsWith("isla.internal"))
          .sorted(Comparator.comparingInt((StoredResource r) -> r.id().key().length()).reversed())
          .toList();
      below.forEach(r -> tx.delete(r.id()));
      tx.delete(id);
      return null;
    });
  }
}
