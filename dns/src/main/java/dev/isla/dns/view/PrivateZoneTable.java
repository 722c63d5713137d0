package dev.isla.dns.view;

import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import java.util.ArrayList;
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

  private PrivateZoneTable() {}

  static RecordTable of(PrivateZone zone) {
    Name origin = Names.absolute(zone.name());
    List<org.xbill.DNS.Record> records = new ArrayList<>();
    SOARecord soa = null;
    for (RecordSet rs : zone.recordSets()) {
      Name owner = rs.name().equals("@") ? origin : RecordTable.concatenate(Names.relative(rs.name()), origin);
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
    return new RecordTable(origin, records, name -> negative);
  }

  static org.xbill.DNS.Record toRecord(Name owner, long ttl, RecordData data) {
    return switch (data) {
      case RecordData.A a -> new ARecord(owner, DClass.IN, ttl, a.ipv4Address());
      case RecordData.Aaaa a -> new AAAARecord(owner, DClass.IN, ttl, a.ipv6Address());
      case RecordData.Cname c -> new CNAMERecord(owner, DClass.IN, ttl, Names.absolute(c.cname()));
      case RecordData.Txt t -> new TXTRecord(owner, DClass.IN, ttl, t.value());
      case RecordData.Soa s -> new SOARecord(owner, DClass.IN, ttl, Names.absolute(s.host()),
          Names.absolute(s.email()), s.serialNumber(), s.refreshTime(), s.retryTime(), s.expireTime(),
          s.minimumTtl());
    };
  }
}
