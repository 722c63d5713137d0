package dev.isla.nodes.command;

import dev.isla.nodes.CommandOutput;
import dev.isla.nodes.net.DnsAnswer;
import dev.isla.nodes.net.NodeResolver;
import java.io.IOException;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * {@code nslookup NAME} as BIND 9's nslookup prints it on an Ubuntu node: the server, then the
 * CNAME chain and addresses under {@code Non-authoritative answer:}; NXDOMAIN prints
 * {@code ** server can't find NAME: NXDOMAIN} and exits 1; an unreachable server
 * {@code ;; connection timed out; no servers could be reached} (exit 1).
 */
final class NslookupCommand {

  private final NodeResolver resolver;

  NslookupCommand(NodeResolver resolver) {
    this.resolver = resolver;
  }

  CommandOutput run(List<String> args) {
    List<String> names = args.stream().filter(a -> !a.startsWith("-")).toList();
    if (names.size() != 1) {
      return new CommandOutput(1, "Usage: nslookup NAME (Isla runs the one-name form)\n");
    }
    String name = names.getFirst();
    StringBuilder out = new StringBuilder()
        .append("Server:\t\t").append(NodeResolver.SERVER).append('\n')
        .append("Address:\t").append(NodeResolver.SERVER).append("#53\n\n");
    DnsAnswer answer;
    try {
      answer = resolver.lookup(name, "A");
    } catch (IOException e) {
      return new CommandOutput(1, ";; connection timed out; no servers could be reached\n\n");
    } catch (IllegalArgumentException e) {
      return new CommandOutput(1, "nslookup: '" + name + "' is not a legal name\n");
    }
    boolean found = !answer.addresses().isEmpty();
    if (!answer.answers().isEmpty()) {
      out.append("Non-authoritative answer:\n");
    }
    for (Record r : answer.answers()) {
      if (r instanceof CNAMERecord c) {
        out.append(c.getName().toString(true)).append("\tcanonical name = ")
            .append(c.getTarget()).append('\n');
      } else if (r instanceof ARecord a) {
        out.append("Name:\t").append(a.getName().toString(true)).append('\n')
            .append("Address: ").append(a.getAddress().getHostAddress()).append('\n');
      }
    }
    if (answer.rcode() != Rcode.NOERROR) {
      out.append("** server can't find ").append(lastName(answer, name)).append(": ")
          .append(answer.status()).append("\n\n");
      return new CommandOutput(1, out.toString());
    }
    if (!found) {
      out.append("*** Can't find ").append(name).append(": No answer\n\n");
      return new CommandOutput(1, out.toString());
    }
    return new CommandOutput(0, out.append('\n').toString());
  }

  /** The name the error is about: the end of the CNAME chain, as nslookup reports it. */
  private static String lastName(DnsAnswer answer, String asked) {
    List<CNAMERecord> chain = answer.cnames();
    return chain.isEmpty() ? asked : chain.getLast().getTarget().toString(true);
  }
}
