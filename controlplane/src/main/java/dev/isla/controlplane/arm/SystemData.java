package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * ARM's {@code systemData} on the types whose resource providers return it (of Isla's types:
 * Microsoft.ContainerRegistry's registries and cache rules): who created the resource
 * and when, who changed it last and when. It is ARM's to write: a client's {@code systemData}
 * is replaced, the creation half survives every later write, and a write by a caller Isla does
 * not know (the plain loopback listener without a token) leaves out the {@code *By} fields.
 */
final class SystemData {

  private static final Set<ResourceType> TYPES =
      Set.of(ResourceTypes.REGISTRIES, ResourceTypes.CACHE_RULES);

  private SystemData() {}

  /** {@code body} with the {@code systemData} of a write by {@code caller} at {@code now}. */
  static ObjectNode onWrite(ResourceType type, ObjectNode body, Optional<JsonNode> previous,
      Optional<Caller> caller, Instant now) {
    body.remove("systemData");
    if (!TYPES.contains(type)) {
      return body;
    }
    ObjectNode data = body.putObject("systemData");
    JsonNode before = previous.map(p -> p.path("systemData")).orElse(null);
    String at = now.truncatedTo(ChronoUnit.MILLIS).toString();
    if (before != null && before.has("createdAt")) {
      copy(before, data, "createdBy", "createdByType", "createdAt");
    } else {
      caller.ifPresent(c -> data.put("createdBy", c.name()).put("createdByType", c.type()));
      data.put("createdAt", at);
    }
    caller.ifPresent(c -> data.put("lastModifiedBy", c.name()).put("lastModifiedByType", c.type()));
    data.put("lastModifiedAt", at);
    return body;
  }

  /** {@code body} (a finished operation's result) keeps the {@code systemData} of {@code current}. */
  static ObjectNode carried(ObjectNode body, JsonNode current) {
    body.remove("systemData");
    if (current.has("systemData")) {
      body.set("systemData", current.get("systemData").deepCopy());
    }
    return body;
  }

  private static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String field : fields) {
      if (from.has(field)) {
        to.set(field, from.get(field).deepCopy());
      }
    }
  }
}
