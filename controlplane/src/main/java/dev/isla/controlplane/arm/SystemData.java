package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.controlplane.store.StoredResource;
import java.time.Instant;
import java.util.Optional;

/**
 * ARM's {@code systemData} on a stored body: who created the resource and when, who last
 * changed it and when. Read-only for clients (a {@code systemData} they send is ignored). A
 * write without a caller (one the engine makes for a provider, e.g. AKS's managed registry)
 * keeps what the resource had, or records none on a new resource.
 */
final class SystemData {

  static final String FIELD = "systemData";

  private SystemData() {}

  /** Sets {@code body}'s {@code systemData} for a write by {@code caller} at {@code now}. */
  static void stamp(ObjectNode body, Optional<StoredResource> existing, Optional<Caller> caller,
      Instant now) {
    JsonNode before = existing.map(r -> r.body().path(FIELD)).orElse(body.missingNode());
    body.remove(FIELD);
    if (caller.isEmpty()) {
      if (before.isObject()) {
        body.set(FIELD, before.deepCopy());
      }
      return;
    }
    Caller c = caller.get();
    ObjectNode data = body.putObject(FIELD);
    boolean created = before.path("createdAt").isTextual();
    data.put("createdBy", created ? before.path("createdBy").asText() : c.name());
    data.put("createdByType", created ? before.path("createdByType").asText() : c.type().name());
    data.put("createdAt", created ? before.path("createdAt").asText() : now.toString());
    data.put("lastModifiedBy", c.name());
    data.put("lastModifiedByType", c.type().name());
    data.put("lastModifiedAt", now.toString());
  }

  /** Carries {@code current}'s {@code systemData} into a body a finished step produced. */
  static void keep(ObjectNode body, StoredResource current) {
    JsonNode before = current.body().path(FIELD);
    if (before.isObject() && !body.has(FIELD)) {
      body.set(FIELD, before.deepCopy());
    }
  }
}
