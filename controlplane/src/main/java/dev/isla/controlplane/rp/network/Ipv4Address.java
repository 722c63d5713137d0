package dev.isla.controlplane.rp.network;

import java.util.regex.Pattern;

/**
 * An IPv4 address, held as its 32 bits (as an unsigned value in a {@code long} so that ordering
 * and arithmetic need no care).
 *
 * @param value 0 to 2^32-1
 */
public record Ipv4Address(long value) implements Comparable<Ipv4Address> {

  private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  public Ipv4Address {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("an IPv4 address has 32 bits");
    }
  }

  /**
   * Parses dotted-quad notation, e.g. {@code 192.168.2.4}; leading zeros in an octet are refused
   * (they are octal to some parsers, so they are ambiguous).
   *
   * @throws IllegalArgumentException when {@code text} is not such an address
   */
  public static Ipv4Address parse(String text) {
    var m = DOTTED.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a valid IPv4 address.");
    }
    long value = 0;
    for (int i = 1; i <= 4; i++) {
      String octet = m.group(i);
      int n = Integer.parseInt(octet);
      if (n > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
        throw new IllegalArgumentException("'" + text + "' is not a valid IPv4 address.");
      }
      value = (value << 8) | n;
    }
    return new Ipv4Address(value);
  }

  /** The address {@code offset} after this one. */
  public Ipv4Address plus(long offset) {
    return new Ipv4Address(value + offset);
  }

  @Override
  public int compareTo(Ipv4Address other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "."
        + (value & 0xFF);
  }
}
