package dev.isla.dns.query;

import static dev.isla.dns.SeedCatalog.VNET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.dns.SeedCatalog;
import dev.isla.dns.catalog.InMemoryDnsCatalog;
import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import dev.isla.dns.catalog.ResolutionPolicy;
import dev.isla.dns.catalog.ZoneLink;
import dev.isla.dns.view.Resolver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class QueryHandlerTest {

  private final InMemoryDnsCatalog catalog = SeedCatalog.create();
  private final QueryHandler handler = new QueryHandler(new Resolver(catalog, Duration.ofSeconds(2)));

  static Message query(String name, int type, int dclass) {
    Message m = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromConstantString(name), type, dclass));
    return m;
  }

  private Message ask(Message query, Transport transport, Optional<String> vnet) throws IOException {
    byte[] wire = query.toWire();
    byte[] reply = handler.handle(wire, wire.length, transport, vnet).orElseThrow();
    return new Message(reply);
  }

  private Message ask(Message query) throws IOException {
    return ask(query, Transport.UDP, Optional.of(VNET));
  }

  @Test
  void seedQueryFromTheVnetHasResolverFlagsAndTheChain() throws IOException {
    Message q = query("myacr.azurecr.io.", Type.A, DClass.IN);
    Message r = ask(q);
    assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(r.getHeader().printFlags().trim()).isEqualTo("qr rd ra");
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getSection(Section.ANSWER)).extracting(rr -> rr.rdataToString())
        .containsExactly("myacr.privatelink.azurecr.io.", "192.168.2.4");
    assertThat(r.getOPT()).as("no OPT unless asked").isNull();
  }

  @Test
  void ednsQueriesGetAnOptRecord() throws IOException {
    Message q = query("myacr.azurecr.io.", Type.A, DClass.IN);
    q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    OPTRecord opt = ask(q).getOPT();
    assertThat(opt).isNotNull();
    assertThat(opt.getPayloadSize()).isEqualTo(QueryHandler.EDNS_PAYLOAD);
  }

  @Test
  void unknownEdnsVersionIsBadvers() throws IOException {
    Message q = query("myacr.azurecr.io.", Type.A, DClass.IN);
    q.addRecord(new OPTRecord(4096, 0, 1), Section.ADDITIONAL);
    Message r = ask(q);
    assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(r.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void nonInClassesAreRefused() throws IOException {
    Message r = ask(query("version.bind.", Type.TXT, DClass.CH));
    assertThat(r.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(r.getQuestion().getName().toString()).isEqualTo("version.bind.");
  }

  @Test
  void zoneTransfersAreRefused() throws IOException {
    assertThat(ask(query("privatelink.azurecr.io.", Type.AXFR, DClass.IN)).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void otherOpcodesAreNotImplemented() throws IOException {
    Message q = query("privatelink.azurecr.io.", Type.SOA, DClass.IN);
    q.getHeader().setOpcode(Opcode.UPDATE);
    assertThat(ask(q).getRcode()).isEqualTo(Rcode.NOTIMP);
    q.getHeader().setOpcode(Opcode.NOTIFY);
    assertThat(ask(q).getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void noQuestionIsFormerr() throws IOException {
    Message q = new Message();
    assertThat(ask(q).getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void garbageIsFormerrWithTheIdAndShortOrResponseMessagesAreIgnored() throws IOException {
    byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 'x'};
    Message r = new Message(handler.handle(garbage, garbage.length, Transport.UDP, Optional.empty()).orElseThrow());
    assertThat(r.getHeader().getID()).isEqualTo(0x1234);
    assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(handler.handle(new byte[5], 5, Transport.UDP, Optional.empty())).isEmpty();
    byte[] response = ask(query("mcr.microsoft.com.", Type.A, DClass.IN)).toWire();
    assertThat(handler.handle(response, response.length, Transport.UDP, Optional.empty())).isEmpty();
  }

  @Test
  void theAskersSpellingIsEchoed() throws IOException {
    Message r = ask(query("MyAcR.AzureCR.IO.", Type.A, DClass.IN));
    assertThat(r.getQuestion().getName().toString()).isEqualTo("MyAcR.AzureCR.IO.");
    assertThat(r.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("MyAcR.AzureCR.IO.");
  }

  @Test
  void largeAnswersAreTruncatedOverUdpAndWholeOverTcp() throws IOException {
    catalog.put(bigZone());
    Message q = query("many.big.internal.", Type.A, DClass.IN);
    Message udp = ask(q);
    assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(udp.toWire().length).isLessThanOrEqualTo(512);
    Message tcp = ask(q, Transport.TCP, Optional.of(VNET));
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(100);
  }

  @Test
  void ednsRaisesTheUdpLimitToTheAdvertisedPayload() throws IOException {
    catalog.put(bigZone());
    Message q = query("some.big.internal.", Type.A, DClass.IN);
    assertThat(ask(q).getHeader().getFlag(Flags.TC)).as("40 A records exceed 512 bytes").isTrue();
    q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    Message r = ask(q);
    assertThat(r.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(r.getSection(Section.ANSWER)).hasSize(40);
  }

  static PrivateZone bigZone() {
    List<RecordData> many = IntStream.range(0, 100).<RecordData>mapToObj(i -> RecordData.a("10.2.0." + i)).toList();
    return new PrivateZone("big.internal", List.of(new RecordSet("many", "A", 60, many),
        new RecordSet("some", "A", 60, many.subList(0, 40))), List.of(new ZoneLink(VNET, ResolutionPolicy.Default)));
  }

  /** Found by DnsMessageFuzzTest: a query with two OPT records was answered NOERROR. */
  @Test
  void twoOptRecordsAreAFormatError() throws IOException {
    Message q = query("myacr.azurecr.io.", Type.A, DClass.IN);
    q.addRecord(new org.xbill.DNS.OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    q.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    Message r = ask(q);
    assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
  }

  /** Compression pointers that loop or point outside the message: FORMERR, at once. */
  @Test
  void pointerLoopsAndBogusCountsAreFormatErrors() throws IOException {
    byte[][] messages = {
        DnsWire.bytes(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0x0C, 0, 1, 0, 1),
        DnsWire.bytes(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0x0E, 0xC0, 0x0C, 0, 1, 0, 1),
        DnsWire.bytes(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 1, 0, 1),
        DnsWire.bytes(0x12, 0x34, 1, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1),
        DnsWire.bytes(0x12, 0x34, 1, 0, 0, 1, 0xFF, 0xFF, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1),
        DnsWire.bytes(0x12, 0x34, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)};
    for (byte[] wire : messages) {
      Message r = new Message(handler.handle(wire, wire.length, Transport.UDP, Optional.of(VNET))
          .orElseThrow());
      assertThat(r.getRcode()).as(java.util.HexFormat.of().formatHex(wire)).isEqualTo(Rcode.FORMERR);
      assertThat(r.getHeader().getID()).isEqualTo(0x1234);
    }
  }

  /**
   * Found by DnsMessageFuzzTest (a longer run): with TC set the parser stops quietly at a broken
   * question, and the missing question became SERVFAIL (and a logged stack trace) for every such
   * query.
   */
  @Test
  void aTruncatedQueryWithABrokenQuestionIsAFormatError() throws IOException {
    byte[] wire = java.util.HexFormat.of().parseHex(
        "881a0300000100000000009c056d7961637207617a7572656372e1696f0000010401");
    Message r = new Message(handler.handle(wire, wire.length, Transport.UDP, Optional.of(VNET))
        .orElseThrow());
    assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(r.getHeader().getID()).isEqualTo(0x881a);
  }
}
