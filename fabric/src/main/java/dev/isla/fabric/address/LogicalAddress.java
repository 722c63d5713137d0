package dev.isla.fabric.address;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 address inside Isla's simulated network: a VNet address ({@code 192.168.1.4}), a public
 * address Isla invents for a registry or an upstream ({@code 20.62.0.5}), or one of Azure's
 * platform addresses ({@code 168.63.129.16}, {@code 169.254.169.254}). It is a label: the fabric
 * decides where it leads and never opens a socket to it.
 *
 * @param value the 32 bits, as an unsigned value (0 to 2^32-1)
 */
public record LogicalAddress(long value) implements Comparable<LogicalAddress> {

  // Declared before the constants below, which parse with it.
  private static final Pattern DOTTED =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** Azure's DNS and platform virtual IP (wire server), present in every VNet. */
  public static final LogicalAddress AZURE_DNS = parse("168.63.129.16");

  /** The instance metadata service (IMDS), link-local, reachable from every VM. */
  public static final LogicalAddress IMDS = parse("169.254.169.254");

  public LogicalAddress {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("an IPv4 address has 32 bits");
    }
  }

  /**
   * Parses dotted-quad notation; never looks a name up. Leading zeros in an octet are refused
   * (some parsers read them as octal).
   *
   * @throws IllegalArgumentException when {@code text} is not such an address
   */
  public static LogicalAddress parse(String text) {
    var m = DOTTED.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
    }
    long value = 0;
    for (int i = 1; i <= 4; i++) {
      String octet = m.group(i);
      int n = Integer.parseInt(octet);
      if (n > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
      }
      value = (value << 8) | n;
    }
    return new LogicalAddress(value);
  }

  /** The label of an IPv4 {@link InetAddress} (which must not be IPv6). */
  public static LogicalAddress of(InetAddress address) {
    if (!(address instanceof Inet4Address)) {
      throw new IllegalArgumentException(address + " is not an IPv4 address");
    }
    byte[] b = address.getAddress();
    return new LogicalAddress(((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8)
        | (b[3] & 0xFF));
  }

  /** This address as an {@link InetAddress}, built from its bytes (no lookup). */
  public InetAddress inet() {
    byte[] b = {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  /** The address {@code offset} after this one. */
  public LogicalAddress plus(long offset) {
    return new LogicalAddress(value + offset);
  }

  /** In 127.0.0.0/8: a host's own loopback. */
  public boolean isLoopback() {
    return (value >>> 24) == 127;
  }

  /**
   * Not routed on the internet: RFC 1918 private ranges, shared address space (RFC 6598),
   * link-local, loopback, "this network" and multicast/reserved space. Public traffic to such an
   * address never leaves a VNet.
   */
  public boolean isNonPublic() {
    return AddressPrefix.NON_PUBLIC.stream().anyMatch(p -> p.contains(this));
  }

  @Override
  public int compareTo(LogicalAddress other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF)
        + "." + (value & 0xFF);
  }
}
