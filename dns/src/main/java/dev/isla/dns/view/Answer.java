package dev.isla.dns.view;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** What one source of data (a private zone or the public internet) says about one name. */
sealed interface Answer {

  /** Records of the asked type (or every record, for ANY). */
  record Records(List<org.xbill.DNS.Record> records) implements Answer {}

  /** The name is an alias: the CNAME record and the name resolution continues at. */
  record Alias(org.xbill.DNS.Record cname, Name target) implements Answer {}

  /** The name exists without data of the asked type (NOERROR, SOA in authority). */
  record NoData(SOARecord soa) implements Answer {}

  /** The name does not exist in this source. */
  record NxDomain(SOARecord soa) implements Answer {}
}
