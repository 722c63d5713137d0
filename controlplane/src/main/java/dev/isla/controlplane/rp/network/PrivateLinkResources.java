package dev.isla.controlplane.rp.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Locations;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Locale;

/**
 * What a private endpoint can connect to: the private link resources (group ids) each target
 * type exposes and the members an endpoint to a group needs, one private IP each
 * (research/aks-isolation.md §4.4). Isla serves container registries: group {@code registry},
 * members {@code registry} ({@code <name>.azurecr.io}) and {@code registry_data_<region>}
 * ({@code <name>.<region>.data.azurecr.io}); private endpoints need the Premium SKU.
 */
final class PrivateLinkResources {

  /** One required member of a group: it gets its own ip configuration and address. */
  record Member(String groupId, String requiredMemberName, List<String> fqdns) {}

  private PrivateLinkResources() {}

  /**
   * The members an endpoint to {@code groupIds} of {@code target} needs.
   *
   * @throws ArmException {@code PrivateEndpointBadRequest} for a group the target does not expose
   *     or a target whose SKU has no private link, {@code PrivateLinkServiceNotFound} for a type
   *     Isla cannot connect to
   */
  static List<Member> members(StoredResource target, List<String> groupIds) {
    if (target.type().equals(ResourceTypes.REGISTRIES.key())) {
      return registryMembers(target, groupIds);
    }
    throw ArmException.of(ArmErrorCode.PRIVATE_LINK_SERVICE_NOT_FOUND,
        "Private link resource " + target.id() + " of type " + target.id().typeName()
            + " cannot be connected to: Isla serves private endpoints to container registries only.");
  }

  private static List<Member> registryMembers(StoredResource registry, List<String> groupIds) {
    ResourceId id = registry.id();
    if (groupIds.size() != 1 || !groupIds.getFirst().equalsIgnoreCase("registry")) {
      throw callFailed("The group id " + groupIds + " is not supported by registry '" + id.name()
          + "'. The only private link resource of a container registry is 'registry'.");
    }
    JsonNode body = registry.body();
    String sku = body.path("sku").path("name").asText("");
    if (!sku.equalsIgnoreCase("Premium")) {
      throw callFailed("Private endpoints are supported only by registries of the Premium SKU; registry '"
          + id.name() + "' is '" + sku + "'. For more information, please visit https://aka.ms/acr/private-link.");
    }
    String name = id.name().toLowerCase(Locale.ROOT);
    String region = Locations.normalize(body.path("location").asText());
    return List.of(
        new Member("registry", "registry", List.of(name + ".azurecr.io")),
        new Member("registry", "registry_data_" + region, List.of(name + "." + region + ".data.azurecr.io")));
  }

  /** Azure relays the target provider's refusal inside its own error, naming the provider called. */
  private static ArmException callFailed(String reason) {
    return ArmException.of(ArmErrorCode.PRIVATE_ENDPOINT_GROUP_ID,
        "Call to " + ResourceTypes.REGISTRIES.fullName() + " failed. Error message: " + reason);
  }
}
