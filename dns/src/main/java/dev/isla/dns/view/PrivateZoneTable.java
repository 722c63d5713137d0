package dev.isla.dns.view;

import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/** A catalog {@link PrivateZone} turned into wire records: its names and its zone SOA. */
final class PrivateZoneTable {

  private static final long DEFAULT_SOA_TTL = 3600;
  private static final int TXT_STRING_MAX = 255;

  private PrivateZoneTable() {}

  static RecordTable of(PrivateZone zone) {
    Name origin = Names.absolute(zone.name());
    List<org.xbill.DNS.Record> records = new ArrayList<>();
    List<Name> emptyOwners = new ArrayList<>();
    SOARecord soa = null;
    for (RecordSet rs : zone.recordSets()) {
      Name owner = rs.name().equals("@") ? origin : RecordTable.concatenate(Names.relative(rs.name()), origin);
      if (rs.records().isEmpty()) {
        emptyOwners.add(owner);
      }
      for (RecordData data : rs.records()) {
        org.xbill.DNS.Record r = toRecord(owner, rs.ttl(), data);
        records.add(r);
        if (r instanceof SOARecord s) {
          soa = s;
        }
      }
    }
    if (soa == null) {
      soa = (SOARecord) toRecord(origin, DEFAULT_SOA_TTL, RecordData.Soa.azureDefault());
      records.add(soa);
    }
    SOARecord negative = Names.negativeSoa(soa);
    return new RecordTable(origin, records, emptyOwners, name -> negative);
  }

  static org.xbill.DNS.Record toRecord(Name owner, long ttl, RecordData data) {
    return switch (data) {
      case RecordData.A a -> new ARecord(owner, DClass.IN, ttl, a.ipv4Address());
      case RecordData.Aaaa a -> new AAAARecord(owner, DClass.IN, ttl, a.ipv6Address());
      case RecordData.Cname c -> new CNAMERecord(owner, DClass.IN, ttl, Names.absolute(c.cname()));
      case RecordData.Txt t -> new TXTRecord(owner, DClass.IN, ttl,
          t.value().stream().flatMap(v -> wireStrings(v).stream()).toList());
      case RecordData.Soa s -> new SOARecord(owner, DClass.IN, ttl, Names.absolute(s.host()),
          Names.absolute(s.email()), s.serialNumber(), s.refreshTime(), s.retryTime(), s.expireTime(),
          s.minimumTtl());
    };
  }

  /**
   * A TXT value as wire character-strings of at most 255 bytes, cut between UTF-8 characters, in
   * dnsjava's presentation form (backslashes escaped).
   */
  static List<String> wireStrings(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int start = 0;
    do {
      int end = Math.min(bytes.length, start + TXT_STRING_MAX);
      while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
        end--;
      }
      String chunk = new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8);
      out.add(chunk.replace("\\", "\\\\"));
      start = end;
    } while (start < bytes.length);
    return out;
  }
}
