package dev.isla.dns.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Records indexed by owner name under one origin, answering lookups the way an authoritative
 * server does (RFC 1034 §4.3.2): CNAME at the name, data of the type, NODATA for an existing name
 * (also an empty non-terminal such as {@code data.privatelink.azurecr.io}), wildcard synthesis
 * from the closest encloser, NXDOMAIN otherwise. Immutable; names compare case-insensitively.
 */
final class RecordTable {

  private static final Name WILDCARD = Name.fromConstantString("*");

  private final Name origin;
  private final Map<Name, List<org.xbill.DNS.Record>> byOwner = new HashMap<>();
  private final Set<Name> existing = new HashSet<>();
  private final Function<Name, SOARecord> soaFor;

  /**
   * @param emptyOwners names that exist without records (Azure's empty record sets)
   * @param soaFor the SOA of negative answers about a name
   */
  RecordTable(Name origin, List<org.xbill.DNS.Record> records, List<Name> emptyOwners,
      Function<Name, SOARecord> soaFor) {
    this.origin = origin;
    this.soaFor = soaFor;
    for (org.xbill.DNS.Record r : records) {
      byOwner.computeIfAbsent(r.getName(), n -> new ArrayList<>()).add(r);
      addWithAncestors(r.getName());
    }
    emptyOwners.forEach(this::addWithAncestors);
    existing.add(origin);
  }

  private void addWithAncestors(Name owner) {
    for (Name n = owner; n.subdomain(origin); n = parent(n)) {
      if (!existing.add(n) || n.equals(origin)) {
        break;
      }
    }
  }

  Name origin() {
    return origin;
  }

  /** Whether the name is at or below this table's origin. */
  boolean contains(Name name) {
    return name.subdomain(origin);
  }

  Answer lookup(Name name, int type) {
    if (existing.contains(name)) {
      return atNode(name, byOwner.getOrDefault(name, List.of()), type);
    }
    for (Name encloser = parent(name); encloser.subdomain(origin); encloser = parent(encloser)) {
      if (existing.contains(encloser)) {
        List<org.xbill.DNS.Record> wild = byOwner.get(concatenate(WILDCARD, encloser));
        if (wild == null) {
          break;
        }
        return atNode(name, wild.stream().map(r -> r.withName(name)).toList(), type);
      }
      if (encloser.labels() <= 1) {
        break;
      }
    }
    return new Answer.NxDomain(soaFor.apply(name));
  }

  private Answer atNode(Name name, List<org.xbill.DNS.Record> node, int type) {
    for (org.xbill.DNS.Record r : node) {
      if (r instanceof CNAMERecord cname && type != Type.CNAME) {
        return new Answer.Alias(cname, cname.getTarget());
      }
    }
    List<org.xbill.DNS.Record> data = type == Type.ANY
        ? node : node.stream().filter(r -> r.getType() == type).toList();
    return data.isEmpty() ? new Answer.NoData(soaFor.apply(name)) : new Answer.Records(data);
  }

  static Name parent(Name name) {
    return name.labels() <= 1 ? name : new Name(name, 1);
  }

  static Name concatenate(Name prefix, Name suffix) {
    try {
      return Name.concatenate(prefix, suffix);
    } catch (org.xbill.DNS.NameTooLongException e) {
      throw new IllegalArgumentException("name too long: " + prefix + suffix, e);
    }
  }
}
