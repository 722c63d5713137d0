package dev.isla.controlplane.rp.privatedns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;

/**
 * Microsoft.Network/privateDnsZones/virtualNetworkLinks. The linked virtual network must exist;
 * a zone links a network at most once; a network has auto-registration in at most one zone;
 * {@code resolutionPolicy} is {@code Default} or {@code NxDomainRedirect}. The virtual network
 * cannot be changed by an update. Links are complete at once ({@code virtualNetworkLinkState:
 * Completed}).
 */
public final class VirtualNetworkLinkProvider implements ResourceProvider {

  private static final List<String> POLICIES = List.of("Default", "NxDomainRedirect");

  @Override
  public ResourceType type() {
    return ResourceTypes.VIRTUAL_NETWORK_LINKS;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    ObjectNode body = request.body();
    JsonNode p = body.path("properties");
    ResourceId vnet = virtualNetwork(request, p.path("virtualNetwork").path("id").asText(""));
    boolean registration = p.path("registrationEnabled").asBoolean(false);
    checkUnique(request, vnet, registration);
    String policy = p.path("resolutionPolicy").asText("Default");
    String canonical = POLICIES.stream().filter(x -> x.equalsIgnoreCase(policy)).findFirst()
        .orElseThrow(() -> RecordType.badRequest("The resolutionPolicy '" + policy
            + "' is invalid; allowed values are Default and NxDomainRedirect."));
    ObjectNode out = Json.object();
    out.put("location", PrivateDnsZoneProvider.globalLocation(body, type()));
    out.set("tags", body.path("tags").isObject() ? body.get("tags") : Json.object());
    ObjectNode props = out.putObject("properties");
    props.putObject("virtualNetwork").put("id", vnet.toString());
    props.put("registrationEnabled", registration);
    props.put("resolutionPolicy", canonical);
    props.put("virtualNetworkLinkState", "Completed");
    props.put("provisioningState", "Succeeded");
    return Mutation.store(out);
  }

  private static ResourceId virtualNetwork(ResourceRequest request, String text) {
    ResourceId vnet;
    try {
      vnet = ResourceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.LINKED_INVALID_PROPERTY_ID, text, "properties.virtualNetwork.id");
    }
    ResourceId found = request.tx().get(vnet)
        .filter(r -> r.type().equals(ResourceTypes.VIRTUAL_NETWORKS.key()))
        .map(StoredResource::id)
        .orElseThrow(() -> RecordType.badRequest("Virtual network resource not found for '" + text + "'."));
    request.existing().ifPresent(r -> {
      if (!r.body().path("properties").path("virtualNetwork").path("id").asText().equalsIgnoreCase(found.toString())) {
        throw RecordType.badRequest("The virtual network of link " + request.id().name()
            + " cannot be changed; delete the link and create a new one.");
      }
    });
    return found;
  }

  private static void checkUnique(ResourceRequest request, ResourceId vnet, boolean registration) {
    ResourceId zone = request.id().parent().orElseThrow();
    for (StoredResource link : request.tx().list(ResourceQuery.ofType(ResourceTypes.VIRTUAL_NETWORK_LINKS.key())
        .withUnder(ResourceId.subscription(vnet.subscriptionId())))) {
      if (link.id().equals(request.id())
          || !link.body().path("properties").path("virtualNetwork").path("id").asText().equalsIgnoreCase(vnet.toString())) {
        continue;
      }
      if (link.id().parent().orElseThrow().equals(zone)) {
        throw ArmException.of(ArmErrorCode.CONFLICT, "The virtual network " + vnet.name()
            + " is already linked to the private DNS zone " + zone.name() + " by link " + link.id().name() + ".");
      }
      if (registration && link.body().path("properties").path("registrationEnabled").asBoolean(false)) {
        throw ArmException.of(ArmErrorCode.CONFLICT, "The virtual network " + vnet.name()
            + " already has auto-registration enabled in the private DNS zone "
            + link.id().parent().orElseThrow().name() + "; a virtual network can register in one zone only.");
      }
    }
  }

  @Override
  public boolean showsEtag() {
    return true;
  }
}
