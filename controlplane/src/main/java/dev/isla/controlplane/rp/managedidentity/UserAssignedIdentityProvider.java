package dev.isla.controlplane.rp.managedidentity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Locations;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Microsoft.ManagedIdentity/userAssignedIdentities, api 2024-11-30 (research/aks-isolation.md
 * §4.7): a service principal in the cloud's tenant. {@code principalId} (the object id role
 * assignments name) and {@code clientId} (what IMDS token requests name) are fresh random GUIDs
 * at creation and never change; the location defaults to the resource group's.
 */
public final class UserAssignedIdentityProvider implements ResourceProvider {

  /** 3–128 characters: letters, digits, hyphens and underscores, starting with a letter or digit. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{2,127}");

  private final Arm arm;

  public UserAssignedIdentityProvider(Arm arm) {
    this.arm = arm;
  }

  @Override
  public boolean recordsSystemData() {
    return true;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.USER_ASSIGNED_IDENTITIES;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    String name = request.id().name();
    if (!NAME.matcher(name).matches()) {
      throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_NAME, "The resource name '" + name
          + "' is invalid. It must be 3 to 128 characters long, start with a letter or a number, and contain only letters, numbers, hyphens and underscores.")
          .target(name);
    }
    ObjectNode body = request.body();
    JsonNode before = request.existing().map(r -> r.body().path("properties")).orElse(Json.object());
    ObjectNode out = Json.object();
    out.put("location", Locations.orGroup(arm, body, request.existing(), request.id()));
    out.set("tags", body.path("tags").isObject() ? body.get("tags")
        : request.existing().map(r -> r.body().path("tags")).filter(JsonNode::isObject).orElse(Json.object()));
    ObjectNode properties = out.putObject("properties");
    properties.put("tenantId", arm.settings().tenantId());
    properties.put("principalId", before.path("principalId").asText(UUID.randomUUID().toString()));
    properties.put("clientId", before.path("clientId").asText(UUID.randomUUID().toString()));
    properties.put("isolationScope", isolationScope(body.path("properties").path("isolationScope"),
        before.path("isolationScope").asText("None")));
    return Mutation.store(out);
  }

  private static String isolationScope(JsonNode sent, String fallback) {
    if (sent.isMissingNode() || sent.isNull()) {
      return fallback;
    }
    return List.of("None", "Regional").stream().filter(s -> s.equalsIgnoreCase(sent.asText()))
        .findFirst().orElseThrow(() -> ArmException.of(ArmErrorCode.INVALID_PARAMETER,
            "The value '" + sent.asText() + "' of property 'isolationScope' is not valid. The allowed values are: None, Regional.")
            .target("properties.isolationScope"));
  }
}
