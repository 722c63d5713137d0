package dev.isla.controlplane.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored resource: its id, its type key (lower-cased full type name), the JSON body exactly
 * as the API serves it, and an ETag that changes on every write.
 *
 * <p>The body is a defensive copy: changing the returned tree never changes what is stored. An
 * update writes a new {@code StoredResource}.
 */
public record StoredResource(
    ResourceId id, String type, ObjectNode body, String etag, Instant createdAt, Instant changedAt) {

  public StoredResource {
    Objects.requireNonNull(id);
    Objects.requireNonNull(type);
    body = Objects.requireNonNull(body).deepCopy();
    Objects.requireNonNull(etag);
    Objects.requireNonNull(createdAt);
    Objects.requireNonNull(changedAt);
  }

  @Override
  public ObjectNode body() {
    return body.deepCopy();
  }
}
