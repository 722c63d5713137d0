package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.Map;
import java.util.Optional;

/**
 * A write or action on one resource, as a provider sees it: validated id, parsed body, the
 * resource as stored before (if any) and the transaction to read and write in.
 *
 * @param id the resource (canonical type spelling)
 * @param body the request body (an empty object when the request had none)
 * @param existing what is stored under {@code id} now
 * @param tx the transaction this request runs in
 * @param apiVersion the api-version the client sent
 * @param query the query parameters, lower-cased names
 * @param force true for deletes cascading from a parent: skip "in use" refusals
 */
public record ResourceRequest(
    ResourceId id,
    ObjectNode body,
    Optional<StoredResource> existing,
    ResourceStore.Transaction tx,
    String apiVersion,
    Map<String, String> query,
    boolean force,
    Optional<Caller> caller) {

  public ResourceRequest {
    body = body.deepCopy();
    query = Map.copyOf(query);
    caller = caller == null ? Optional.empty() : caller;
  }

  @Override
  public ObjectNode body() {
    return body.deepCopy();
  }

  public ResourceRequest withBody(ObjectNode newBody) {
    return new ResourceRequest(id, newBody, existing, tx, apiVersion, query, force, caller);
  }
}
