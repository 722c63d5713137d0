package dev.isla.dns.view;

import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/** Conversions from the catalog's validated strings to dnsjava names. */
final class Names {

  private Names() {}

  /** A validated host name (no trailing dot) as an absolute name. */
  static Name absolute(String host) {
    return parse(host + ".");
  }

  /** A validated relative record-set name such as {@code myacr.eastus.data} or {@code *}. */
  static Name relative(String name) {
    return parse(name);
  }

  /**
   * The SOA sent in the authority section of a negative answer: its TTL is the smaller of the
   * record's TTL and its minimum field, which is how long resolvers cache the negative answer
   * (RFC 2308 §3).
   */
  static SOARecord negativeSoa(SOARecord soa) {
    return negativeSoa(soa, Long.MAX_VALUE);
  }

  /** As {@link #negativeSoa(SOARecord)}, cached no longer than {@code cap} seconds. */
  static SOARecord negativeSoa(SOARecord soa, long cap) {
    long ttl = Math.min(cap, Math.min(soa.getTTL(), soa.getMinimum()));
    return new SOARecord(soa.getName(), soa.getDClass(), ttl, soa.getHost(), soa.getAdmin(),
        soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
  }

  private static Name parse(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      // The catalog records validated these names already.
      throw new IllegalStateException("invalid name from the catalog: " + text, e);
    }
  }
}
