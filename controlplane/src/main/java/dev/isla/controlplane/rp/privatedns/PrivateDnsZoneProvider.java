package dev.isla.controlplane.rp.privatedns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Microsoft.Network/privateDnsZones (research/aks-isolation.md §4.6). The name must be a DNS name
 * of at least two labels; the location is {@code global}. Creating a zone creates its {@code SOA}
 * record set {@code @}, as Azure does, so a fresh zone counts one record set. The view computes
 * the record-set and link counts from the store next to Azure's fixed limits. A zone that still
 * has virtual network links cannot be deleted (a resource-group delete deletes them with it);
 * deleting a zone deletes its record sets.
 */
public final class PrivateDnsZoneProvider implements ResourceProvider {

  static final String GLOBAL = "global";

  @Override
  public ResourceType type() {
    return ResourceTypes.PRIVATE_DNS_ZONES;
  }

  /** The location of a global resource: {@code global} when absent, refused when anything else. */
  static String globalLocation(ObjectNode body, ResourceType type) {
    String location = body.path("location").asText(GLOBAL);
    if (!location.equalsIgnoreCase(GLOBAL)) {
      throw ArmException.of(ArmErrorCode.INVALID_LOCATION, location, type.fullName(), GLOBAL);
    }
    return GLOBAL;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    try {
      DnsName.zone(request.id().name());
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.BAD_REQUEST, e.getMessage()).target(request.id().name());
    }
    ObjectNode body = request.body();
    ObjectNode out = Json.object();
    out.put("location", globalLocation(body, type()));
    out.set("tags", body.path("tags").isObject() ? body.get("tags") : Json.object());
    ObjectNode props = out.putObject("properties");
    props.put("internalId", request.existing()
        .map(r -> r.body().path("properties").path("internalId").asText())
        .orElseGet(PrivateDnsZoneProvider::internalId));
    props.put("provisioningState", "Succeeded");
    if (request.existing().isEmpty()) {
      ResourceId soa = request.id().child("SOA", DnsName.APEX);
      request.tx().put(soa, ResourceTypes.SOA_RECORD_SETS.key(), RecordSetProvider.soa(soa, request.id().name()));
    }
    return Mutation.store(out);
  }

  /** An opaque id, shaped like Azure's (a base64 blob naming the zone's backend). */
  private static String internalId() {
    return Base64.getEncoder().withoutPadding()
        .encodeToString(("isla-private-dns-" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    List<StoredResource> links = request.tx().list(
        ResourceQuery.ofType(ResourceTypes.VIRTUAL_NETWORK_LINKS.key()).withParent(request.id()));
    if (!links.isEmpty() && !request.force()) {
      throw ArmException.of(ArmErrorCode.CONFLICT, "The private DNS zone " + request.id().name()
          + " has " + links.size() + " virtual network link(s), e.g. " + links.getFirst().id().name()
          + ". Delete its virtual network links before deleting the zone.");
    }
    return Mutation.delete();
  }

  @Override
  public ObjectNode view(StoredResource resource, ResourceReader reader) {
    ObjectNode out = resource.body();
    ObjectNode stored = (ObjectNode) out.remove("properties");
    ObjectNode props = out.putObject("properties");
    long recordSets = 0;
    for (RecordType t : RecordType.all()) {
      recordSets += reader.list(ResourceQuery.ofType(t.resourceType().key()).withParent(resource.id())).size();
    }
    List<StoredResource> links = reader.list(
        ResourceQuery.ofType(ResourceTypes.VIRTUAL_NETWORK_LINKS.key()).withParent(resource.id()));
    props.put("maxNumberOfRecordSets", 25000);
    props.put("numberOfRecordSets", recordSets);
    props.put("maxNumberOfVirtualNetworkLinks", 1000);
    props.put("numberOfVirtualNetworkLinks", links.size());
    props.put("maxNumberOfVirtualNetworkLinksWithRegistration", 100);
    props.put("numberOfVirtualNetworkLinksWithRegistration", links.stream()
        .filter(l -> l.body().path("properties").path("registrationEnabled").asBoolean(false)).count());
    props.setAll(stored);
    return out;
  }

  @Override
  public boolean showsEtag() {
    return true;
  }
}
