package dev.isla.controlplane.rp.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.store.StoredResource;

/** The generic resource shape of {@code GET …/resources} (what {@code az resource list} shows). */
final class GenericResource {

  private GenericResource() {}

  static ObjectNode of(StoredResource r) {
    ObjectNode body = r.body();
    ObjectNode out = Json.object();
    out.put("id", r.id().toString());
    out.put("name", body.path("name").asText(r.id().name()));
    out.put("type", body.path("type").asText());
    for (String field : new String[] {"location", "kind", "managedBy"}) {
      if (body.hasNonNull(field)) {
        out.put(field, body.get(field).asText());
      }
    }
    for (String field : new String[] {"sku", "identity", "tags", "plan", "extendedLocation"}) {
      if (body.hasNonNull(field)) {
        out.set(field, body.get(field));
      }
    }
    out.put("createdTime", r.createdAt().toString());
    out.put("changedTime", r.changedAt().toString());
    out.put("provisioningState", body.path("properties").path("provisioningState").asText("Succeeded"));
    return out;
  }
}
