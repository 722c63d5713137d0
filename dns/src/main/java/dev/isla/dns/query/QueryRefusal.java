package dev.isla.dns.query;

import org.xbill.DNS.Rcode;

/**
 * A query the server answers with an error code instead of resolving it — DNS's error catalogue
 * (STYLE rule 5): each factory names the response code and why. Thrown by validation, turned
 * into a reply in one place ({@link QueryHandler}).
 */
final class QueryRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int rcode;

  private QueryRefusal(int rcode, String reason) {
    super(Rcode.string(rcode) + ": " + reason, null, false, false);
    this.rcode = rcode;
  }

  int rcode() {
    return rcode;
  }

  /** Malformed or unanswerable as asked (not exactly one question, a meta type as question). */
  static QueryRefusal formatError(String reason) {
    return new QueryRefusal(Rcode.FORMERR, reason);
  }

  /** An opcode other than QUERY (NOTIFY, UPDATE, IQUERY …), or MAILA/MAILB. */
  static QueryRefusal notImplemented(String reason) {
    return new QueryRefusal(Rcode.NOTIMP, reason);
  }

  /** Policy: classes other than IN, zone transfers. */
  static QueryRefusal refused(String reason) {
    return new QueryRefusal(Rcode.REFUSED, reason);
  }

  /** An EDNS version other than 0 (RFC 6891 §6.1.3); sent with an OPT record. */
  static QueryRefusal badVersion(int version) {
    return new QueryRefusal(Rcode.BADVERS, "EDNS version " + version);
  }
}
