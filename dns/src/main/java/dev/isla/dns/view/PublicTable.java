package dev.isla.dns.view;

import dev.isla.dns.catalog.PublicHost;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * The public internet as Isla simulates it: the catalog's public hosts (with Azure's privatelink
 * CNAME for resources with a private endpoint), the root zone's NS and SOA (so {@code dig .}
 * works, as AgentBaker's DNS health check needs), and a synthesized SOA for each public zone a
 * host lives in ({@code azurecr.io}, {@code microsoft.com} …) for negative answers.
 */
final class PublicTable {

  /** TTL of public CNAMEs and addresses; Azure's ACR chain uses between 10 s and 60 s. */
  static final long PUBLIC_TTL = 60;
  /**
   * Negative answers are cached at most this long: names appear as soon as a registry or cluster
   * is created, and a day-long NXDOMAIN (the root zone's real minimum) would outlive that.
   */
  static final long NEGATIVE_TTL_CAP = 60;

  private static final long ROOT_TTL = 518400;
  private static final String[] ROOT_SERVERS = {"198.41.0.4", "170.247.170.2", "192.33.4.12",
      "199.7.91.13", "192.203.230.10", "192.5.5.241", "192.112.36.4", "198.97.190.53",
      "192.36.148.17", "192.58.128.30", "193.0.14.129", "199.7.83.42", "202.12.27.33"};

  private PublicTable() {}

  static RecordTable of(List<PublicHost> hosts) {
    List<org.xbill.DNS.Record> records = new ArrayList<>(rootZone());
    Set<Name> owners = new HashSet<>();
    Map<Name, SOARecord> apexes = new HashMap<>();
    for (PublicHost host : hosts) {
      Name name = Names.absolute(host.name());
      if (!owners.add(name)) {
        continue;
      }
      Name addressed = name;
      if (host.privateLinkName().isPresent()) {
        addressed = Names.absolute(host.privateLinkName().get());
        records.add(new CNAMERecord(name, DClass.IN, PUBLIC_TTL, addressed));
        if (!owners.add(addressed)) {
          continue;
        }
      }
      for (InetAddress a : host.addresses()) {
        records.add(a instanceof Inet4Address
            ? new ARecord(addressed, DClass.IN, PUBLIC_TTL, a)
            : new AAAARecord(addressed, DClass.IN, PUBLIC_TTL, a));
      }
      for (Name n : List.of(name, addressed)) {
        apexes.computeIfAbsent(apexOf(n), PublicTable::azureSoa);
      }
    }
    records.addAll(apexes.values());
    SOARecord root = Names.negativeSoa(rootSoa(), NEGATIVE_TTL_CAP);
    Map<Name, SOARecord> negatives = new HashMap<>();
    apexes.forEach((apex, soa) -> negatives.put(apex, Names.negativeSoa(soa, NEGATIVE_TTL_CAP)));
    return new RecordTable(Name.root, records, List.of(), n -> enclosingSoa(n, negatives, root));
  }

  private static SOARecord enclosingSoa(Name name, Map<Name, SOARecord> apexes, SOARecord root) {
    for (Name n = name; n.labels() > 1; n = RecordTable.parent(n)) {
      SOARecord soa = apexes.get(n);
      if (soa != null) {
        return soa;
      }
    }
    return root;
  }

  /** The registrable zone a public name lives in: its last two labels. */
  private static Name apexOf(Name name) {
    return name.labels() <= 3 ? name : new Name(name, name.labels() - 3);
  }

  private static SOARecord azureSoa(Name apex) {
    return new SOARecord(apex, DClass.IN, 3600, Name.fromConstantString("ns1-01.azure-dns.com."),
        Name.fromConstantString("azuredns-hostmaster.microsoft.com."), 1, 3600, 300, 2419200, 300);
  }

  private static SOARecord rootSoa() {
    return new SOARecord(Name.root, DClass.IN, 86400, Name.fromConstantString("a.root-servers.net."),
        Name.fromConstantString("nstld.verisign-grs.com."), 2026112800, 1800, 900, 604800, 86400);
  }

  private static List<org.xbill.DNS.Record> rootZone() {
    List<org.xbill.DNS.Record> records = new ArrayList<>();
    records.add(rootSoa());
    for (int i = 0; i < ROOT_SERVERS.length; i++) {
      Name server = Name.fromConstantString((char) ('a' + i) + ".root-servers.net.");
      records.add(new NSRecord(Name.root, DClass.IN, ROOT_TTL, server));
      records.add(new ARecord(server, DClass.IN, ROOT_TTL, PublicHost.literal(ROOT_SERVERS[i])));
    }
    return records;
  }
}
