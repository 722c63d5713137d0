package dev.isla.dns.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A record set of a private zone: its relative name ({@code @} for the apex, {@code myacr}, or a
 * dotted name such as {@code myacr.eastus.data}; {@code *} as the first label is a wildcard), its
 * TTL in seconds and its records, all of one type. A CNAME or SOA set holds exactly one record;
 * SOA only at {@code @}; CNAME never at {@code @} (Azure's rules).
 */
public record RecordSet(String name, long ttl, List<RecordData> records) {

  public RecordSet {
    Objects.requireNonNull(name, "name");
    name = name.toLowerCase(Locale.ROOT);
    records = List.copyOf(records);
    DnsNames.requireRelativeName(name);
    if (ttl < 0 || ttl > 2_147_483_647L) {
      throw new IllegalArgumentException("ttl out of range: " + ttl);
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("record set '" + name + "' has no records");
    }
    String type = records.get(0).type();
    if (records.stream().anyMatch(r -> !r.type().equals(type))) {
      throw new IllegalArgumentException("record set '" + name + "' mixes record types");
    }
    if ((type.equals("CNAME") || type.equals("SOA")) && records.size() != 1) {
      throw new IllegalArgumentException("a " + type + " record set holds exactly one record");
    }
    if ((type.equals("SOA") && !name.equals("@")) || (type.equals("CNAME") && name.equals("@"))) {
      throw new IllegalArgumentException(type + " is not allowed at '" + name + "'");
    }
  }

  /** Convenience for one-record sets. */
  public static RecordSet of(String name, long ttl, RecordData... records) {
    return new RecordSet(name, ttl, List.of(records));
  }

  /** The type of every record in the set. */
  public String type() {
    return records.get(0).type();
  }
}
