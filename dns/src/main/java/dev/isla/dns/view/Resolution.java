package dev.isla.dns.view;

import java.util.List;
import org.xbill.DNS.Rcode;

/**
 * The outcome of resolving one question: the response code ({@link Rcode}), the answer section
 * (a CNAME chain in order, then the data) and the authority section (the SOA of a negative
 * answer).
 */
public record Resolution(int rcode, List<org.xbill.DNS.Record> answer, List<org.xbill.DNS.Record> authority) {

  public Resolution {
    answer = List.copyOf(answer);
    authority = List.copyOf(authority);
  }

  static Resolution serverFailure(List<org.xbill.DNS.Record> answerSoFar) {
    return new Resolution(Rcode.SERVFAIL, answerSoFar, List.of());
  }
}
