package dev.isla.nodes.net;

import dev.isla.fabric.DatagramRoute;
import dev.isla.fabric.Fabric;
import dev.isla.fabric.address.LogicalAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A node's stub resolver: every query goes to Azure DNS ({@code 168.63.129.16:53}) of the node's
 * VNet along the fabric's datagram route — dnsjava's {@link SimpleResolver} bound to the node's
 * source address, sending to the listener the fabric names. No cache (as a node without
 * systemd-resolved caching: every boot check asks again).
 *
 * <p>A truncated UDP answer is retried over TCP by dnsjava along the same route (the fabric
 * decided it for port 53 already).
 */
public final class NodeResolver {

  /** The logical address the node's {@code /etc/resolv.conf} names. */
  public static final String SERVER = "168.63.129.16";

  private final Fabric fabric;
  private final String nodeId;
  private final Duration timeout;

  public NodeResolver(Fabric fabric, String nodeId, Duration timeout) {
    this.fabric = fabric;
    this.nodeId = nodeId;
    this.timeout = timeout;
  }

  /**
   * Asks {@code name} of {@code type} ({@code A}, {@code NS} …).
   *
   * @throws IOException when the resolver cannot be reached (the fabric's refusal, a timeout)
   * @throws IllegalArgumentException for a malformed name or type
   */
  public DnsAnswer lookup(String name, String type) throws IOException {
    int t = Type.value(type);
    if (t < 0) {
      throw new IllegalArgumentException("unknown record type: " + type);
    }
    Name qname;
    try {
      qname = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + name, e);
    }
    DatagramRoute route = fabric.datagramRoute(nodeId, LogicalAddress.AZURE_DNS, 53, timeout);
    SimpleResolver resolver = new SimpleResolver(route.listener());
    resolver.setLocalAddress(new InetSocketAddress(route.source(), 0));
    resolver.setTimeout(timeout);
    Message reply = resolver.send(Message.newQuery(Record.newRecord(qname, t, DClass.IN)));
    return new DnsAnswer(name, reply.getRcode(), reply.getSection(Section.ANSWER), SERVER);
  }

  /**
   * The first IPv4 address of {@code host}, following CNAMEs; an IPv4 literal is its own answer.
   *
   * @throws UnknownHostException naming the status (NXDOMAIN, a CNAME without address …), or
   *     when the resolver did not answer
   * @throws IOException when the resolver cannot be reached
   */
  public LogicalAddress address(String host) throws IOException {
    if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return LogicalAddress.parse(host);
    }
    DnsAnswer answer;
    try {
      answer = lookup(host, "A");
    } catch (IOException e) {
      throw (UnknownHostException) new UnknownHostException(host + ": the resolver " + SERVER
          + " did not answer (" + e.getMessage() + ")").initCause(e);
    }
    if (answer.addresses().isEmpty()) {
      throw new UnresolvedHostException(host, answer);
    }
    return LogicalAddress.parse(answer.addresses().getFirst());
  }
}
