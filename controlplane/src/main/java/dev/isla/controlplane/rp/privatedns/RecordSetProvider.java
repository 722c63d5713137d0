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

/**
 * Record sets of a private zone, {@code privateDnsZones/{A|AAAA|CNAME|TXT|SOA}/{relativeName}}:
 * one instance of this provider per {@link RecordType} (the rules are the same but for the
 * records themselves). The relative name is {@code @} (the apex) or a DNS name that may contain
 * dots ({@code myacr.eastus.data}); {@code ttl} defaults to 3600; {@code fqdn} is
 * {@code <relative>.<zone>.}. As in DNS, a CNAME cannot share its name with another record set
 * nor sit at the apex. The {@code SOA} set exists once per zone at {@code @}: it can be updated
 * (ttl, timers, email) but not created elsewhere nor deleted.
 */
public final class RecordSetProvider implements ResourceProvider {

  static final long DEFAULT_TTL = 3600;

  private final RecordType recordType;

  public RecordSetProvider(RecordType recordType) {
    this.recordType = recordType;
  }

  @Override
  public ResourceType type() {
    return recordType.resourceType();
  }

  @Override
  public Mutation put(ResourceRequest request) {
    ResourceId id = request.id();
    String relative = relativeName(id.name());
    ResourceId zone = id.parent().orElseThrow();
    checkPlacement(request, relative, zone);
    JsonNode p = request.body().path("properties");
    ObjectNode out = Json.object();
    ObjectNode props = out.putObject("properties");
    if (p.path("metadata").isObject()) {
      props.set("metadata", p.path("metadata"));
    }
    props.put("ttl", ttl(p.path("ttl")));
    props.put("fqdn", DnsName.fqdn(relative, zone.name()));
    props.put("isAutoRegistered", false);
    JsonNode records = recordType == RecordType.SOA
        ? soaRecord(request, p.path("soaRecord"))
        : recordType.records(p.path(recordType.property()));
    if (!records.isMissingNode() && !records.isNull()) {
      props.set(recordType.property(), records);
    }
    return Mutation.store(out);
  }

  private static String relativeName(String name) {
    try {
      return DnsName.relative(name);
    } catch (IllegalArgumentException e) {
      throw RecordType.badRequest(e.getMessage());
    }
  }

  private void checkPlacement(ResourceRequest request, String relative, ResourceId zone) {
    if (recordType == RecordType.SOA && (!relative.equals(DnsName.APEX) || request.existing().isEmpty())) {
      throw RecordType.badRequest("A private DNS zone has exactly one SOA record set, '@', created with the zone.");
    }
    if (recordType == RecordType.CNAME && relative.equals(DnsName.APEX)) {
      throw RecordType.badRequest("A CNAME record set cannot be created at the zone apex '@'.");
    }
    for (RecordType other : RecordType.all()) {
      if (other == recordType || (other != RecordType.CNAME && recordType != RecordType.CNAME)) {
        continue;
      }
      if (request.tx().get(zone.child(other.name(), relative)).isPresent()) {
        throw ArmException.of(ArmErrorCode.CONFLICT, "A " + recordType + " record set cannot be created at '"
            + relative + "': a " + other + " record set has that name, and a CNAME cannot share its name.");
      }
    }
  }

  private static long ttl(JsonNode ttl) {
    if (ttl.isMissingNode() || ttl.isNull()) {
      return DEFAULT_TTL;
    }
    if (!ttl.canConvertToLong() || !ttl.isIntegralNumber() || ttl.asLong() < 0 || ttl.asLong() > Integer.MAX_VALUE) {
      throw RecordType.badRequest("The ttl " + ttl + " is invalid: it must be an integer from 0 to 2147483647.");
    }
    return ttl.asLong();
  }

  /** The SOA record: host and serial are the service's; timers and email may be updated. */
  private static JsonNode soaRecord(ResourceRequest request, JsonNode requested) {
    ObjectNode soa = (ObjectNode) request.existing().orElseThrow().body().path("properties").path("soaRecord").deepCopy();
    for (String field : new String[] {"email", "expireTime", "minimumTtl", "refreshTime", "retryTime"}) {
      JsonNode value = requested.path(field);
      if (!value.isMissingNode() && !value.isNull()) {
        soa.set(field, value);
      }
    }
    return soa;
  }

  /** The SOA record set Azure creates with every private zone. */
  static ObjectNode soa(ResourceId id, String zone) {
    ObjectNode out = Json.object();
    out.put("id", id.toString());
    out.put("name", DnsName.APEX);
    out.put("type", ResourceTypes.SOA_RECORD_SETS.wireType());
    ObjectNode props = out.putObject("properties");
    props.put("ttl", DEFAULT_TTL);
    props.put("fqdn", DnsName.fqdn(DnsName.APEX, zone));
    props.put("isAutoRegistered", false);
    ObjectNode soa = props.putObject("soaRecord");
    soa.put("email", "azureprivatedns-host.microsoft.com");
    soa.put("expireTime", 2419200);
    soa.put("host", "azureprivatedns.net");
    soa.put("minimumTtl", 10);
    soa.put("refreshTime", 3600);
    soa.put("retryTime", 300);
    soa.put("serialNumber", 1);
    return out;
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    if (recordType == RecordType.SOA && !request.force()) {
      throw RecordType.badRequest("The SOA record set of a private DNS zone cannot be deleted; delete the zone instead.");
    }
    return Mutation.delete();
  }

  @Override
  public boolean showsEtag() {
    return true;
  }
}
