package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Map;

/**
 * The ARM operations of one resource type: the rules live here. One implementation per type
 * ({@code VirtualNetworkProvider}, {@code RegistryProvider}, …), registered with {@link Arm}.
 *
 * <p>The engine has already checked, before a provider is called: the api-version, the JSON
 * body, that the parent (resource group, parent resource or extension scope) exists, ETag
 * preconditions and that no other operation runs on the resource. Providers validate
 * properties, throw {@link ArmException} for anything wrong (nothing is written then: the whole
 * request is one transaction), and return the full wire body to store.
 */
public interface ResourceProvider {

  /** The type this provider serves. */
  ResourceType type();

  /** Create or replace. {@code request.existing()} tells which. */
  Mutation put(ResourceRequest request);

  /**
   * Partial update. The default applies the body as a JSON merge patch (RFC 7396) onto the
   * stored resource and validates the result as a PUT.
   */
  default Mutation patch(ResourceRequest request) {
    ObjectNode merged = JsonMergePatch.apply(request.existing().orElseThrow().body(), request.body());
    return put(request.withBody(merged));
  }

  /** Delete; by default at once. */
  default Mutation delete(ResourceRequest request) {
    return Mutation.delete();
  }

  /** A POST action on a resource of this type, e.g. {@code upgradeNodeImageVersion}. */
  default ActionResult action(String action, ResourceRequest request) {
    throw ArmException.of(ArmErrorCode.UNKNOWN_ACTION, action, type().fullName());
  }

  /**
   * A GET below a resource of this type that is not a declared child type, e.g.
   * {@code managedClusters/{c}/commandResults/{id}}; {@code subPath} is what follows the id.
   */
  default JsonNode subResource(ResourceId id, List<String> subPath, Map<String, String> query) {
    throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_TYPE,
        type().typePath() + "/" + subPath.getFirst(), type().namespace(), "any");
  }

  /**
   * Finishes a long-running operation this provider started. Runs outside any transaction, on
   * its own thread, possibly after a restart (so it must be idempotent).
   *
   * @return for a PUT, the final body (its non-terminal provisioningState becomes
   *     {@code Succeeded}); for an action, the operation's result; ignored for a delete
   * @throws ArmException to fail the operation (a PUT's resource becomes {@code Failed})
   */
  default JsonNode finish(ResourceId id, Step step) {
    throw new IllegalStateException(type().fullName() + " has no long-running step " + step.name());
  }

  /**
   * The error for a write on {@code resource} while an operation runs on it (its
   * provisioningState is not terminal). AKS answers its own way (OperationNotAllowed).
   */
  default ArmException operationInProgress(StoredResource resource) {
    return ArmException.of(ArmErrorCode.ANOTHER_OPERATION_IN_PROGRESS,
        ProvisioningState.of(resource.body()), resource.id().toString());
  }

  /** The resource as GET shows it; derived properties are computed here, never stored. */
  default ObjectNode view(StoredResource resource) {
    return resource.body();
  }

  /**
   * The resource as GET shows it, derived properties read through {@code reader}: committed
   * state for reads, the write's own transaction for the answer to a write. The default ignores
   * the reader and calls {@link #view(StoredResource)}.
   */
  default ObjectNode view(StoredResource resource, ResourceReader reader) {
    return view(resource);
  }

  /**
   * Resources of this type in a collection GET below {@code parent} (a subscription, resource
   * group, parent resource or extension scope). The default lists direct children, or the whole
   * subscription for a subscription-wide list.
   */
  default List<StoredResource> list(ResourceStore store, ResourceId parent, Map<String, String> query) {
    ResourceQuery q = ResourceQuery.ofType(type().key());
    return store.list(parent.isSubscription() ? q.withUnder(parent) : q.withParent(parent));
  }

  /**
   * True when the engine records ARM's {@code systemData} (creator, last modifier, times) on
   * this type's bodies, as the resource providers built on ARM's common types return it
   * (container service, container registry, managed identity; not network, DNS or resource
   * groups).
   */
  default boolean recordsSystemData() {
    return false;
  }

  /** True when the body shows an {@code etag} property (network and DNS resources do). */
  default boolean showsEtag() {
    return false;
  }
}
