package dev.isla.dns.query;

import dev.isla.dns.view.Resolution;
import dev.isla.dns.view.Resolver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one DNS message into its reply, as a recursive resolver (Azure DNS) would:
 *
 * <ul>
 *   <li>fewer than 12 bytes, or a response (QR set): no reply;
 *   <li>undecodable: FORMERR echoing the id; an opcode other than QUERY: NOTIMP; more than one
 *       OPT record: FORMERR (RFC 6891 §6.1.1); EDNS version other than 0: BADVERS; not exactly one question or a meta type asked: FORMERR; a class
 *       other than IN or a zone transfer: REFUSED (see {@link QueryRefusal});
 *   <li>otherwise the {@link Resolver}'s answer with {@code ra} set, {@code aa} clear (a recursive
 *       answer), {@code rd}/{@code cd} copied, the question echoed as asked (0x20 case kept), an
 *       OPT record when the query had one (payload {@value #EDNS_PAYLOAD}, DO copied);
 *   <li>over UDP a reply longer than 512 bytes, or than the client's EDNS payload size, is cut at
 *       a record-set boundary with TC set, so the client retries over TCP.
 * </ul>
 *
 * <p>Never throws: an unexpected failure becomes SERVFAIL. Thread-safe.
 */
public final class QueryHandler {

  /** The EDNS0 UDP payload size Isla advertises and honours (the DNS Flag Day 2020 value). */
  public static final int EDNS_PAYLOAD = 1232;

  private static final int PLAIN_UDP_LIMIT = 512;
  private static final int TCP_LIMIT = 65535;
  private static final System.Logger LOG = System.getLogger(QueryHandler.class.getName());

  private final Resolver resolver;

  public QueryHandler(Resolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * The reply to {@code wire[0..length)} received over {@code transport} by the view of
   * {@code vnetId} (empty: the public view); empty when nothing should be sent back.
   */
  public Optional<byte[]> handle(byte[] wire, int length, Transport transport, Optional<String> vnetId) {
    if (length < Header.LENGTH || length > TCP_LIMIT) {
      return Optional.empty();
    }
    Header header;
    try {
      header = new Header(Arrays.copyOf(wire, Header.LENGTH));
    } catch (IOException e) {
      return Optional.empty();
    }
    if (header.getFlag(Flags.QR)) {
      return Optional.empty();
    }
    Message query;
    try {
      query = new Message(ByteBuffer.wrap(wire, 0, length));
    } catch (IOException | RuntimeException e) {
      return Optional.of(undecodable(header).toWire(PLAIN_UDP_LIMIT));
    }
    int limit = transport == Transport.TCP ? TCP_LIMIT : udpLimit(query.getOPT());
    try {
      return Optional.of(answer(query, vnetId).toWire(limit));
    } catch (QueryRefusal refusal) {
      return Optional.of(reply(query, refusal.rcode()).toWire(limit));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "query failed; answering SERVFAIL", e);
      return Optional.of(reply(query, Rcode.SERVFAIL).toWire(limit));
    }
  }

  private Message answer(Message query, Optional<String> vnetId) {
    org.xbill.DNS.Record question = validQuestion(query);
    Name qname = question.getName();
    Resolution resolution = resolver.resolve(qname, question.getType(), vnetId);
    Message reply = reply(query, resolution.rcode());
    for (org.xbill.DNS.Record rr : resolution.answer()) {
      // Echo the asker's spelling of the name, as resolvers do (0x20-randomising clients check it).
      reply.addRecord(rr.getName().equals(qname) ? rr.withName(qname) : rr, Section.ANSWER);
    }
    for (org.xbill.DNS.Record rr : resolution.authority()) {
      reply.addRecord(rr, Section.AUTHORITY);
    }
    return reply;
  }

  private static org.xbill.DNS.Record validQuestion(Message query) {
    Header h = query.getHeader();
    if (h.getOpcode() != Opcode.QUERY) {
      throw QueryRefusal.notImplemented("opcode " + Opcode.string(h.getOpcode()));
    }
    // RFC 6891 §6.1.1: more than one OPT record MUST be answered FORMERR.
    long opts = query.getSection(Section.ADDITIONAL).stream()
        .filter(rr -> rr.getType() == Type.OPT).count();
    if (opts > 1) {
      throw QueryRefusal.formatError(opts + " OPT records");
    }
    OPTRecord opt = query.getOPT();
    if (opt != null && opt.getVersion() != 0) {
      throw QueryRefusal.badVersion(opt.getVersion());
    }
    // The parsed section, not the header count: dnsjava stops quietly at a broken record when
    // TC is set, leaving a header that promises a question the message does not hold.
    if (h.getCount(Section.QUESTION) != 1 || query.getSection(Section.QUESTION).size() != 1) {
      throw QueryRefusal.formatError(query.getSection(Section.QUESTION).size() + " questions");
    }
    org.xbill.DNS.Record question = query.getQuestion();
    if (question.getDClass() != DClass.IN) {
      throw QueryRefusal.refused("class " + DClass.string(question.getDClass()));
    }
    int type = question.getType();
    if (type == Type.AXFR || type == Type.IXFR) {
      throw QueryRefusal.refused("zone transfer");
    }
    if (type == Type.MAILA || type == Type.MAILB) {
      throw QueryRefusal.notImplemented(Type.string(type));
    }
    if (type == Type.OPT || type == Type.TSIG || type == Type.TKEY) {
      throw QueryRefusal.formatError("meta type " + Type.string(type) + " as question");
    }
    return question;
  }

  /** A reply skeleton: header, echoed question, OPT when the query had one. */
  private static Message reply(Message query, int rcode) {
    Header q = query.getHeader();
    Message reply = new Message(q.getID());
    Header h = reply.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(q.getOpcode());
    copyFlag(q, h, Flags.RD);
    copyFlag(q, h, Flags.CD);
    h.setFlag(Flags.RA);
    h.setRcode(rcode & 0xF);
    if (query.getQuestion() != null && q.getCount(Section.QUESTION) == 1) {
      reply.addRecord(query.getQuestion(), Section.QUESTION);
    }
    OPTRecord opt = query.getOPT();
    if (opt != null) {
      int dnssecOk = opt.getFlags() & ExtendedFlags.DO;
      reply.addRecord(new OPTRecord(EDNS_PAYLOAD, rcode >>> 4, 0, dnssecOk), Section.ADDITIONAL);
    }
    return reply;
  }

  /** FORMERR for a message that cannot be decoded: only its header is known. */
  private static Message undecodable(Header q) {
    Message reply = new Message(q.getID());
    Header h = reply.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(q.getOpcode());
    copyFlag(q, h, Flags.RD);
    h.setFlag(Flags.RA);
    h.setRcode(Rcode.FORMERR);
    return reply;
  }

  private static void copyFlag(Header from, Header to, int flag) {
    if (from.getFlag(flag)) {
      to.setFlag(flag);
    }
  }

  private static int udpLimit(OPTRecord opt) {
    return opt == null ? PLAIN_UDP_LIMIT : Math.max(PLAIN_UDP_LIMIT, Math.min(opt.getPayloadSize(), EDNS_PAYLOAD));
  }
}
