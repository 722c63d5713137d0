package dev.isla.dns.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.isla.dns.SeedCatalog;
import dev.isla.dns.view.Resolver;
import dev.isla.fuzz.Fuzz;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Mutation fuzzing of DNS wire messages against the query handler ({@link DnsWire}): pointer
 * loops, bogus counts, reserved label types, over-long names, EDNS sizes and versions, two OPT
 * records, opcodes, classes, truncation and random byte edits of valid queries. Every case ends
 * within a second in a drop where a resolver drops (a response, under 12 bytes) or a reply that
 * parses, echoes the id, has QR set, fits the transport, is never SERVFAIL, and carries the rcode
 * the edit calls for.
 */
class DnsMessageFuzzTest {

  private static final Duration BOUND = Duration.ofSeconds(1);

  private final QueryHandler handler =
      new QueryHandler(new Resolver(SeedCatalog.create(), Duration.ofSeconds(2)));

  @Provide
  Arbitrary<DnsWire.Case> cases() {
    return Arbitraries.longs().map(seed -> DnsWire.next(new Random(seed))).withoutEdgeCases();
  }

  @Provide
  Arbitrary<Transport> transports() {
    return Arbitraries.of(Transport.UDP, Transport.TCP);
  }

  @Fuzz
  void everyMessageIsDroppedOrAnsweredWithItsRcode(@ForAll("cases") DnsWire.Case c,
      @ForAll("transports") Transport transport) throws IOException {
    byte[] wire = c.wire();
    Optional<byte[]> reply = assertTimeoutPreemptively(BOUND,
        () -> handler.handle(wire, wire.length, transport, Optional.of(SeedCatalog.VNET)),
        c::toString);
    if (c.expect().drop()) {
      assertThat(reply).as(c.toString()).isEmpty();
      return;
    }
    if (wire.length < 12 || (wire[2] & 0x80) != 0) {
      assertThat(reply).as(c.toString()).isEmpty();
      return;
    }
    assertThat(reply).as(c.toString()).isPresent();
    Message answer = new Message(reply.get());
    assertThat(answer.getHeader().getFlag(Flags.QR)).as(c.toString()).isTrue();
    assertThat(answer.getHeader().getID()).as(c.toString())
        .isEqualTo(((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF));
    assertThat(reply.get().length).as(c.toString())
        .isLessThanOrEqualTo(transport == Transport.UDP ? QueryHandler.EDNS_PAYLOAD : 65535);
    assertThat(answer.getRcode()).as(c.toString()).isNotEqualTo(Rcode.SERVFAIL);
    if (c.expect().rcode() >= 0) {
      assertThat(Rcode.string(answer.getRcode())).as(c.toString())
          .isEqualTo(Rcode.string(c.expect().rcode()));
    }
    if (transport == Transport.UDP && answer.getOPT() == null) {
      assertThat(reply.get().length).as(c.toString()).isLessThanOrEqualTo(512);
    }
  }
}
