package dev.isla.controlplane.rp.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Locations;
import dev.isla.controlplane.arm.ResourceRequest;
import java.util.UUID;

/**
 * The start every tracked Microsoft.Network resource body shares: location (the body's or the
 * resource group's), tags, and {@code properties} with {@code provisioningState} and a
 * {@code resourceGuid} that is kept across updates.
 */
final class TrackedBody {

  private TrackedBody() {}

  /** The body so far; its {@code properties} object is {@code out.get("properties")}. */
  static ObjectNode start(Arm arm, ResourceRequest request) {
    ObjectNode body = request.body();
    ObjectNode out = Json.object();
    out.put("location", Locations.orGroup(arm, body, request.existing(), request.id()));
    out.set("tags", body.path("tags").isObject() ? body.get("tags") : Json.object());
    ObjectNode props = out.putObject("properties");
    props.put("provisioningState", "Succeeded");
    props.put("resourceGuid", request.existing()
        .map(r -> r.body().path("properties").path("resourceGuid").asText())
        .orElseGet(() -> UUID.randomUUID().toString()));
    return out;
  }
}
