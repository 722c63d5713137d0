package dev.isla.controlplane.rp.privatedns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The port the DNS server reads private zones through: which zones a virtual network sees and
 * what they hold (research/aks-isolation.md §7). A query from a VNet is answered from the
 * longest-suffix zone among {@link #zonesLinkedTo}; inside it, a name without records is
 * NXDOMAIN unless the link's {@code resolutionPolicy} is {@code NxDomainRedirect}.
 *
 * <p>Computed from the stored zones, links and record sets at each call; nothing is cached here
 * (a caching decorator belongs to the DNS side).
 */
public final class PrivateDnsView {

  /**
   * A zone as one virtual network sees it.
   *
   * @param zone the zone's id
   * @param name the zone name, lower-cased, without trailing dot, e.g. {@code privatelink.azurecr.io}
   * @param link the link that makes the network see it
   * @param registrationEnabled whether the network's VMs register their names in it
   * @param resolutionPolicy {@code Default} or {@code NxDomainRedirect}
   * @param recordSets its record sets, ordered by type then relative name
   */
  public record LinkedZone(ResourceId zone, String name, ResourceId link, boolean registrationEnabled,
      String resolutionPolicy, List<RecordSet> recordSets) {

    public LinkedZone {
      recordSets = List.copyOf(recordSets);
    }

    /** The record sets of one type, e.g. the A records the DNS server answers with. */
    public List<RecordSet> recordSets(RecordType type) {
      return recordSets.stream().filter(r -> r.type() == type).toList();
    }
  }

  /**
   * One record set.
   *
   * @param type its type
   * @param relativeName e.g. {@code myacr.eastus.data}, or {@code @} for the apex
   * @param fqdn e.g. {@code myacr.eastus.data.privatelink.azurecr.io} (lower-cased, no trailing dot)
   * @param ttl seconds
   * @param values the records as text: addresses for A and AAAA, the target for CNAME, the joined
   *     strings for TXT, the host for SOA; empty for a set without records
   */
  public record RecordSet(RecordType type, String relativeName, String fqdn, long ttl, List<String> values) {

    public RecordSet {
      values = List.copyOf(values);
    }
  }

  private PrivateDnsView() {}

  /** The zones linked to {@code virtualNetwork} (committed state), ordered by zone id; empty when none. */
  public static List<LinkedZone> zonesLinkedTo(ResourceStore store, ResourceId virtualNetwork) {
    return zonesLinkedTo(ResourceReader.of(store), virtualNetwork);
  }

  /** As {@link #zonesLinkedTo(ResourceStore, ResourceId)}, through any reader. */
  public static List<LinkedZone> zonesLinkedTo(ResourceReader reader, ResourceId virtualNetwork) {
    List<LinkedZone> out = new ArrayList<>();
    for (StoredResource link : reader.list(ResourceQuery.ofType(ResourceTypes.VIRTUAL_NETWORK_LINKS.key())
        .withUnder(ResourceId.subscription(virtualNetwork.subscriptionId())))) {
      JsonNode p = link.body().path("properties");
      if (!p.path("virtualNetwork").path("id").asText().equalsIgnoreCase(virtualNetwork.toString())) {
        continue;
      }
      ResourceId zone = link.id().parent().orElseThrow();
      out.add(new LinkedZone(zone, zone.name().toLowerCase(Locale.ROOT), link.id(),
          p.path("registrationEnabled").asBoolean(false), p.path("resolutionPolicy").asText("Default"),
          recordSets(reader, zone)));
    }
    return out;
  }

  private static List<RecordSet> recordSets(ResourceReader reader, ResourceId zone) {
    List<RecordSet> out = new ArrayList<>();
    for (RecordType type : RecordType.all()) {
      for (StoredResource set : reader.list(ResourceQuery.ofType(type.resourceType().key()).withParent(zone))) {
        JsonNode p = set.body().path("properties");
        String fqdn = p.path("fqdn").asText().toLowerCase(Locale.ROOT);
        out.add(new RecordSet(type, set.id().name(), fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn,
            p.path("ttl").asLong(RecordSetProvider.DEFAULT_TTL), values(type, p.path(type.property()))));
      }
    }
    return out;
  }

  private static List<String> values(RecordType type, JsonNode records) {
    List<String> out = new ArrayList<>();
    switch (type) {
      case A -> records.forEach(r -> out.add(r.path("ipv4Address").asText()));
      case AAAA -> records.forEach(r -> out.add(r.path("ipv6Address").asText()));
      case TXT -> records.forEach(r -> {
        StringBuilder joined = new StringBuilder();
        r.path("value").forEach(v -> joined.append(v.asText()));
        out.add(joined.toString());
      });
      case CNAME -> {
        if (records.path("cname").isTextual()) {
          out.add(records.path("cname").asText());
        }
      }
      case SOA -> out.add(records.path("host").asText());
    }
    return out;
  }
}
