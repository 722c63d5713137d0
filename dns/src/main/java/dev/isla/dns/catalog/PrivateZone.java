package dev.isla.dns.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A private DNS zone as the resolver of a linked VNet sees it: its name (e.g.
 * {@code privatelink.azurecr.io}), its record sets and its virtual-network links. Two record sets
 * of one name and type are refused, as is a CNAME beside other data at one name. A zone without
 * an SOA record set gets Azure's default SOA ({@link RecordData.Soa#azureDefault()}, TTL 3600).
 */
public record PrivateZone(String name, List<RecordSet> recordSets, List<ZoneLink> links) {

  public PrivateZone {
    name = DnsNames.requireHostName(name, "zone name");
    recordSets = List.copyOf(recordSets);
    links = List.copyOf(links);
    Set<String> seen = new HashSet<>();
    Set<String> cnames = new HashSet<>();
    Set<String> owners = new HashSet<>();
    for (RecordSet rs : recordSets) {
      if (!seen.add(rs.name() + " " + rs.type())) {
        throw new IllegalArgumentException("zone " + name + " has two " + rs.type() + " sets at '" + rs.name() + "'");
      }
      boolean clash = rs.type().equals("CNAME") ? owners.contains(rs.name()) : cnames.contains(rs.name());
      if (clash) {
        throw new IllegalArgumentException("zone " + name + ": a CNAME at '" + rs.name() + "' cannot have other data");
      }
      owners.add(rs.name());
      if (rs.type().equals("CNAME")) {
        cnames.add(rs.name());
      }
    }
  }

  /** The link of this zone to the given VNet, if any. */
  public Optional<ZoneLink> linkTo(String vnetId) {
    return links.stream().filter(l -> l.links(vnetId)).findFirst();
  }
}
