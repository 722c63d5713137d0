package dev.isla.controlplane.rp.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Locations;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.arm.Step;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Microsoft.Resources/resourceGroups. Deleting a group is a long-running operation that deletes
 * every resource in it first, each through its own provider (so a cluster takes its node
 * resource group and managed registry with it), then whatever is left below the group.
 */
public final class ResourceGroupProvider implements ResourceProvider {

  /** ARM's rule: 1-90 characters, alphanumerics, underscore, parentheses, hyphen, period (not at the end). */
  private static final Pattern NAME = Pattern.compile("[-\\w._()]{0,89}[-\\w_()]", Pattern.UNICODE_CHARACTER_CLASS);

  private final Arm arm;

  public ResourceGroupProvider(Arm arm) {
    this.arm = arm;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.RESOURCE_GROUPS;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    String name = request.id().name();
    if (!NAME.matcher(name).matches()) {
      throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_NAME,
          "Resource group names only allow alphanumeric characters, periods, underscores, hyphens and parenthesis and cannot end in a period.")
          .target(name);
    }
    ObjectNode body = request.body();
    String location = Locations.required(arm.settings(), body, request.existing());
    if (request.existing().isPresent()) {
      String was = request.existing().get().body().path("location").asText();
      if (!was.equalsIgnoreCase(location)) {
        throw ArmException.of(ArmErrorCode.INVALID_PARAMETER,
            "Invalid resource group location '" + location + "'. The Resource group already exists in location '"
                + was + "'.").target(name);
      }
    }
    ObjectNode out = Json.object();
    out.put("location", location);
    JsonNode managedBy = body.path("managedBy");
    if (managedBy.isTextual()) {
      out.put("managedBy", managedBy.asText());
    } else {
      request.existing().map(r -> r.body().path("managedBy")).filter(JsonNode::isTextual)
          .ifPresent(m -> out.put("managedBy", m.asText()));
    }
    out.set("tags", body.path("tags").isObject() ? body.get("tags") : Json.object());
    out.putObject("properties").put("provisioningState", "Succeeded");
    return Mutation.store(out);
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    return Mutation.deleteAsync(Step.of("cascade"));
  }

  @Override
  public JsonNode finish(ResourceId id, Step step) {
    List<StoredResource> topLevel = arm.store().list(ResourceQuery.all().withParent(id)).stream()
        .filter(r -> r.id().resourceType().isPresent())
        .sorted(Comparator.comparingInt(ResourceGroupProvider::deleteOrder))
        .toList();
    for (StoredResource r : topLevel) {
      arm.writeAndWait(Arm.Write.delete(r.id(), true));
    }
    return Json.object();
  }

  /** Clusters first (they own node resource groups), endpoints before what they point to. */
  private static int deleteOrder(StoredResource r) {
    String type = r.type();
    if (type.equals(ResourceTypes.MANAGED_CLUSTERS.key())) {
      return 0;
    }
    if (type.equals(ResourceTypes.PRIVATE_ENDPOINTS.key())) {
      return 1;
    }
    if (type.equals(ResourceTypes.ROLE_ASSIGNMENTS.key())) {
      return 2;
    }
    return 3;
  }
}
