package dev.isla.dns.query;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS queries as bytes, and edits of them that a hostile or broken client sends: each named
 * structural edit knows the answer a resolver gives it, random byte edits only that some
 * well-formed answer (or a drop) comes back.
 */
final class DnsWire {

  /** What a resolver does with a message: drop it, or answer with this rcode (16 = BADVERS). */
  record Expect(boolean drop, int rcode) {
    static Expect dropped() {
      return new Expect(true, -1);
    }

    static Expect rcode(int rcode) {
      return new Expect(false, rcode);
    }

    /** Any answer the invariants accept. */
    static Expect any() {
      return new Expect(false, -1);
    }
  }

  /** A mutated message, the edits that made it, and what must come back. */
  record Case(String edits, byte[] wire, Expect expect) {
    @Override
    public String toString() {
      return edits + " " + java.util.HexFormat.of().formatHex(wire, 0, Math.min(wire.length, 80));
    }
  }

  static final int FORMERR = 1;
  static final int NOTIMP = 4;
  static final int REFUSED = 5;
  static final int BADVERS = 16;

  private DnsWire() {}

  static List<byte[]> seeds() {
    Message edns = QueryHandlerTest.query("myacr.azurecr.io.", Type.A, DClass.IN);
    edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    return List.of(QueryHandlerTest.query("myacr.azurecr.io.", Type.A, DClass.IN).toWire(),
        edns.toWire(), QueryHandlerTest.query("MyAcr.AzureCR.io.", Type.AAAA, DClass.IN).toWire(),
        QueryHandlerTest.query("mcr.microsoft.com.", Type.ANY, DClass.IN).toWire(),
        QueryHandlerTest.query("nosuch.privatelink.azurecr.io.", Type.TXT, DClass.IN).toWire());
  }

  /** One case from {@code random}: a structural edit of a seed, or 1–6 random byte edits. */
  static Case next(Random random) {
    List<byte[]> seeds = seeds();
    byte[] seed = seeds.get(random.nextInt(seeds.size())).clone();
    // Every seed has its question name at 12; the EDNS seed's OPT follows the question.
    int questionEnd = 12 + nameLength(seed, 12) + 4;
    return switch (random.nextInt(16)) {
      case 0 -> new Case("pointer-to-itself", question(seed, bytes(0xC0, 0x0C)), Expect.rcode(FORMERR));
      case 1 -> new Case("pointer-loop", question(seed, bytes(0xC0, 0x0E, 0xC0, 0x0C)),
          Expect.rcode(FORMERR));
      case 2 -> new Case("pointer-out-of-range", question(seed, bytes(0xC0 | random.nextInt(64),
          0x20 + random.nextInt(224))), Expect.rcode(FORMERR));
      case 3 -> counts(seed, random);
      case 4 -> new Case("label-type-" + (0x40 + random.nextInt(0x80)),
          question(seed, bytes(0x40 + random.nextInt(0x80), 'a', 0)), Expect.rcode(FORMERR));
      case 5 -> new Case("name-over-255", question(seed, longName(5)), Expect.rcode(FORMERR));
      case 6 -> ednsPayload(seed, questionEnd, random);
      case 7 -> new Case("edns-version", opt(seed, questionEnd, 4096, 1 + random.nextInt(255)),
          Expect.rcode(BADVERS));
      case 8 -> new Case("two-opt", twoOpts(seed, questionEnd), Expect.rcode(FORMERR));
      case 9 -> opcode(seed, random);
      case 10 -> new Case("qr-set", flag(seed, 2, 0x80), Expect.dropped());
      case 11 -> questionClassOrType(seed, questionEnd, random);
      case 12 -> truncated(seed, random);
      case 13 -> new Case("tc-z-ad-set", flag(flag(seed, 2, 0x02), 3, 0x70), Expect.any());
      default -> bytesEdited(seed, random);
    };
  }

  private static Case counts(byte[] seed, Random random) {
    int section = random.nextInt(4);
    int[] bogus = {0, 2, 3, 0x7FFF, 0xFFFF};
    int value = bogus[random.nextInt(bogus.length)];
    byte[] wire = seed.clone();
    wire[4 + 2 * section] = (byte) (value >>> 8);
    wire[5 + 2 * section] = (byte) value;
    boolean unchanged = value == count(seed, section);
    // Counts beyond the records present cannot be decoded; a question count other than 1 is
    // refused as a format error too. Fewer additional records than present leaves trailing bytes.
    Expect expect = unchanged ? Expect.any()
        : section == 3 && value < count(seed, 3) ? Expect.any() : Expect.rcode(FORMERR);
    return new Case("count" + section + "=" + value, wire, expect);
  }

  private static Case ednsPayload(byte[] seed, int questionEnd, Random random) {
    int[] sizes = {0, 1, 511, 512, 1232, 1233, 4096, 65535, random.nextInt(65536)};
    int size = sizes[random.nextInt(sizes.length)];
    return new Case("edns-payload=" + size, opt(seed, questionEnd, size, 0), Expect.any());
  }

  private static Case opcode(byte[] seed, Random random) {
    int opcode = 1 + random.nextInt(15);
    byte[] wire = seed.clone();
    wire[2] = (byte) ((wire[2] & 0x87) | (opcode << 3));
    return new Case("opcode=" + opcode, wire, Expect.rcode(NOTIMP));
  }

  private static Case questionClassOrType(byte[] seed, int questionEnd, Random random) {
    int[][] choices = {{Type.A, DClass.CH, REFUSED}, {Type.A, DClass.HS, REFUSED},
        {Type.A, DClass.ANY, REFUSED}, {Type.AXFR, DClass.IN, REFUSED},
        {Type.IXFR, DClass.IN, REFUSED}, {Type.MAILB, DClass.IN, NOTIMP},
        {Type.OPT, DClass.IN, FORMERR}, {Type.TSIG, DClass.IN, FORMERR}};
    int[] choice = choices[random.nextInt(choices.length)];
    byte[] wire = seed.clone();
    wire[questionEnd - 4] = (byte) (choice[0] >>> 8);
    wire[questionEnd - 3] = (byte) choice[0];
    wire[questionEnd - 2] = (byte) (choice[1] >>> 8);
    wire[questionEnd - 1] = (byte) choice[1];
    return new Case("type" + choice[0] + "-class" + choice[1], wire, Expect.rcode(choice[2]));
  }

  private static Case truncated(byte[] seed, Random random) {
    int length = random.nextInt(seed.length);
    byte[] wire = Arrays.copyOf(seed, length);
    return new Case("truncated-at-" + length, wire,
        length < 12 ? Expect.dropped() : Expect.rcode(FORMERR));
  }

  private static Case bytesEdited(byte[] seed, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(seed);
    byte[] wire = seed;
    StringBuilder edits = new StringBuilder("bytes");
    for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
      int at = random.nextInt(wire.length + 1);
      switch (random.nextInt(4)) {
        case 0 -> {
          if (at < wire.length) {
            wire[at] ^= (byte) (1 << random.nextInt(8));
          }
          edits.append(" flip@").append(at);
        }
        case 1 -> {
          wire = splice(wire, at, 0, bytes(random.nextInt(256)));
          edits.append(" insert@").append(at);
        }
        case 2 -> {
          wire = splice(wire, at, Math.min(wire.length - at, 1 + random.nextInt(4)), new byte[0]);
          edits.append(" delete@").append(at);
        }
        default -> {
          if (at < wire.length) {
            wire[at] = (byte) random.nextInt(256);
          }
          edits.append(" set@").append(at);
        }
      }
    }
    return new Case(edits.toString(), wire, Expect.any());
  }

  /** The seed with its question name replaced by {@code name} (type and class kept). */
  private static byte[] question(byte[] seed, byte[] name) {
    return splice(seed, 12, nameLength(seed, 12), name);
  }

  /** The seed, question only, followed by an OPT record with this payload size and version. */
  private static byte[] opt(byte[] seed, int questionEnd, int payload, int version) {
    byte[] wire = Arrays.copyOf(seed, questionEnd);
    wire[10] = 0;
    wire[11] = 1;
    return concat(wire, optRecord(payload, version));
  }

  private static byte[] twoOpts(byte[] seed, int questionEnd) {
    byte[] wire = opt(seed, questionEnd, 4096, 0);
    wire[11] = 2;
    return concat(wire, optRecord(1232, 0));
  }

  private static byte[] optRecord(int payload, int version) {
    // root owner, type, payload size as class, TTL = extended rcode, version, flags; no options
    return bytes(0, Type.OPT >>> 8, Type.OPT & 0xFF, payload >>> 8, payload & 0xFF, 0, version,
        0, 0, 0, 0);
  }

  private static byte[] flag(byte[] seed, int index, int bits) {
    byte[] wire = seed.clone();
    wire[index] |= (byte) bits;
    return wire;
  }

  private static byte[] longName(int labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < labels; i++) {
      out.write(63);
      out.writeBytes("a".repeat(63).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    out.write(0);
    return out.toByteArray();
  }

  private static int count(byte[] wire, int section) {
    return ((wire[4 + 2 * section] & 0xFF) << 8) | (wire[5 + 2 * section] & 0xFF);
  }

  /** Length of the uncompressed name at {@code at}, its final zero included. */
  private static int nameLength(byte[] wire, int at) {
    int i = at;
    while (wire[i] != 0) {
      i += (wire[i] & 0xFF) + 1;
    }
    return i + 1 - at;
  }

  private static byte[] splice(byte[] wire, int at, int remove, byte[] insert) {
    byte[] out = new byte[wire.length - remove + insert.length];
    System.arraycopy(wire, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(wire, at + remove, out, at + insert.length, wire.length - at - remove);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return splice(a, a.length, 0, b);
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
