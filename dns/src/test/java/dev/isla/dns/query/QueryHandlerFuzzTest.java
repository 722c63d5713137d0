package dev.isla.dns.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.isla.dns.SeedCatalog;
import dev.isla.dns.view.Resolver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** 10,000 random and mutated messages: nothing escapes, every reply is a well-formed response. */
class QueryHandlerFuzzTest {

  private static final int ROUNDS = 10_000;

  @Test
  void randomAndMutatedMessagesNeverBreakTheHandler() {
    QueryHandler handler = new QueryHandler(new Resolver(SeedCatalog.create(), Duration.ofSeconds(2)));
    List<byte[]> seeds = seeds();
    Random random = new Random(20261128);
    int replies = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] input = i % 4 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
      Transport transport = random.nextBoolean() ? Transport.UDP : Transport.TCP;
      Optional<String> vnet = random.nextBoolean() ? Optional.of(SeedCatalog.VNET) : Optional.empty();
      Optional<byte[]> reply = handler.handle(input, input.length, transport, vnet);
      if (reply.isPresent()) {
        replies++;
        byte[] bytes = reply.get();
        assertThatCode(() -> new Message(bytes)).as("reply %d parses", i).doesNotThrowAnyException();
        assertThat(bytes.length).isLessThanOrEqualTo(transport == Transport.UDP ? QueryHandler.EDNS_PAYLOAD : 65535);
        assertThat(isResponse(bytes)).isTrue();
      }
    }
    assertThat(replies).as("most mutated queries still deserve a reply").isGreaterThan(ROUNDS / 4);
  }

  private static boolean isResponse(byte[] bytes) {
    try {
      return new Message(bytes).getHeader().getFlag(Flags.QR);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static List<byte[]> seeds() {
    Message edns = QueryHandlerTest.query("myacr.azurecr.io.", Type.A, DClass.IN);
    edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    return List.of(QueryHandlerTest.query("myacr.azurecr.io.", Type.A, DClass.IN).toWire(), edns.toWire(),
        QueryHandlerTest.query(".", Type.NS, DClass.IN).toWire(),
        QueryHandlerTest.query("mcr.microsoft.com.", Type.ANY, DClass.IN).toWire(),
        QueryHandlerTest.query("myacr.eastus.data.azurecr.io.", Type.AAAA, DClass.IN).toWire());
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(600)];
    random.nextBytes(b);
    return b;
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    switch (random.nextInt(4)) {
      case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
      case 2 -> {
        for (int k = 0; k < 1 + random.nextInt(6); k++) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
      }
      default -> {
        byte[] longer = java.util.Arrays.copyOf(b, b.length + random.nextInt(64));
        for (int k = b.length; k < longer.length; k++) {
          longer[k] = (byte) random.nextInt(256);
        }
        b = longer;
      }
    }
    return b;
  }
}
