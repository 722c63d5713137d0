package dev.isla.nodes.net;

import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * What the VNet's resolver answered for one question.
 *
 * @param name the name asked, as asked
 * @param rcode e.g. {@link Rcode#NOERROR}, {@link Rcode#NXDOMAIN}
 * @param answers the answer section, in order (CNAME chain first)
 * @param server the logical server asked ({@code 168.63.129.16:53})
 */
public record DnsAnswer(String name, int rcode, List<Record> answers, String server) {

  public DnsAnswer {
    answers = List.copyOf(answers);
  }

  /** The IPv4 addresses at the end of the chain, as dotted quads; empty when none. */
  public List<String> addresses() {
    return answers.stream().filter(ARecord.class::isInstance)
        .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
  }

  /** The CNAME records of the chain, in order. */
  public List<CNAMERecord> cnames() {
    return answers.stream().filter(CNAMERecord.class::isInstance).map(CNAMERecord.class::cast)
        .toList();
  }

  /** The status as dig prints it ({@code NOERROR}, {@code NXDOMAIN} …). */
  public String status() {
    return Rcode.string(rcode);
  }

  /** Why no address came back, for a failure message; "" when there is one. */
  public String whyNoAddress() {
    if (!addresses().isEmpty()) {
      return "";
    }
    String chain = cnames().isEmpty() ? "" : " (CNAME " + cnames().stream()
        .map(c -> c.getTarget().toString(true)).reduce((a, b) -> a + " -> " + b).orElse("")
        + " has no address)";
    return rcode == Rcode.NOERROR ? "NODATA" + chain : status() + chain;
  }

}
