package dev.isla.dns.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A record set of a private zone: its relative name ({@code @} for the apex, {@code myacr}, or a
 * dotted name such as {@code myacr.eastus.data}; {@code *} as the first label is a wildcard), its
 * type ({@code A}, {@code AAAA}, {@code CNAME}, {@code TXT}, {@code SOA}), its TTL in seconds and
 * its records, all of that type. A set may be empty (Azure allows it: the name then exists without
 * data, so queries get NODATA, not NXDOMAIN). A CNAME or SOA set holds at most one record; SOA
 * only at {@code @}; CNAME never at {@code @} (Azure's rules).
 */
public record RecordSet(String name, String type, long ttl, List<RecordData> records) {

  private static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "TXT", "SOA");

  public RecordSet {
    Objects.requireNonNull(name, "name");
    name = name.toLowerCase(Locale.ROOT);
    type = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
    records = List.copyOf(records);
    DnsNames.requireRelativeName(name);
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("record type " + type + " is not served; one of " + TYPES);
    }
    if (ttl < 0 || ttl > 2_147_483_647L) {
      throw new IllegalArgumentException("ttl out of range: " + ttl);
    }
    String expected = type;
    if (records.stream().anyMatch(r -> !r.type().equals(expected))) {
      throw new IllegalArgumentException("record set '" + name + "' of type " + type + " holds other types");
    }
    if ((type.equals("CNAME") || type.equals("SOA")) && records.size() > 1) {
      throw new IllegalArgumentException("a " + type + " record set holds one record at most");
    }
    if ((type.equals("SOA") && !name.equals("@")) || (type.equals("CNAME") && name.equals("@"))) {
      throw new IllegalArgumentException(type + " is not allowed at '" + name + "'");
    }
  }

  /** A set of one or more records, typed after them. */
  public static RecordSet of(String name, long ttl, RecordData... records) {
    if (records.length == 0) {
      throw new IllegalArgumentException("record set '" + name + "' needs a record to know its type");
    }
    return new RecordSet(name, records[0].type(), ttl, List.of(records));
  }
}
