package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ArmRequest;
import dev.isla.controlplane.arm.ArmResponse;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;

/**
 * {@code POST /subscriptions/{s}/providers/Microsoft.ContainerRegistry/checkNameAvailability}
 * with {@code {"name", "type": "Microsoft.ContainerRegistry/registries"}}: whether a registry
 * name is valid and not taken anywhere in the cloud. Answers as the 2025-11-01 examples show
 * ({@code RegistryCheckNameNotAvailable.json}): {@code nameAvailable}, and when false a
 * {@code reason} ({@code AlreadyExists}, {@code Invalid}) and a {@code message}.
 */
public final class RegistryNameAvailability {

  private final ResourceStore store;

  public RegistryNameAvailability(ResourceStore store) {
    this.store = store;
  }

  /** Answers one request. */
  public ArmResponse answer(ArmRequest request) {
    if (!request.method().equals("POST")) {
      throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, request.method());
    }
    request.apiVersion(String.join(", ", ResourceTypes.REGISTRIES.apiVersions()));
    ObjectNode body = request.jsonBody(true);
    String type = body.path("type").asText("");
    if (!type.equalsIgnoreCase(ResourceTypes.REGISTRIES.fullName())) {
      throw ArmException.of(ArmErrorCode.INVALID_PARAMETER, "The resource type '" + type
          + "' is not valid. The only supported type is 'Microsoft.ContainerRegistry/registries'.")
          .target("type");
    }
    return ArmResponse.ok(check(body.path("name").asText("")));
  }

  private ObjectNode check(String name) {
    ObjectNode out = Json.object();
    if (!RegistryName.isValid(name)) {
      return out.put("nameAvailable", false).put("reason", "Invalid")
          .put("message", ArmErrorCode.REGISTRY_NAME_INVALID.format());
    }
    boolean taken = store.list(ResourceQuery.ofType(ResourceTypes.REGISTRIES.key())).stream()
        .anyMatch(r -> r.id().name().equalsIgnoreCase(name));
    if (taken) {
      return out.put("nameAvailable", false).put("reason", "AlreadyExists")
          .put("message", "The registry " + name + " is already in use.");
    }
    return out.put("nameAvailable", true);
  }
}
