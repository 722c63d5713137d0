package dev.isla.fabric.address;

import java.util.List;

/**
 * An IPv4 block in CIDR notation ({@code 192.168.0.0/16}), as a VNet's {@code addressPrefixes}
 * or a subnet's {@code addressPrefix} carries it. Host bits must be clear, as Azure requires.
 *
 * @param network the first address of the block
 * @param length the prefix length, 0 to 32
 */
public record AddressPrefix(LogicalAddress network, int length) {

  /** Blocks that are never routed to the internet (see {@link LogicalAddress#isNonPublic()}). */
  static final List<AddressPrefix> NON_PUBLIC = List.of(
      parse("0.0.0.0/8"), parse("10.0.0.0/8"), parse("100.64.0.0/10"), parse("127.0.0.0/8"),
      parse("169.254.0.0/16"), parse("172.16.0.0/12"), parse("192.168.0.0/16"),
      parse("224.0.0.0/3"));

  public AddressPrefix {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("a prefix length is between 0 and 32");
    }
    if ((network.value() & mask(length)) != network.value()) {
      throw new IllegalArgumentException(network + "/" + length + " has host bits set");
    }
  }

  /**
   * Parses {@code a.b.c.d/n}.
   *
   * @throws IllegalArgumentException when {@code text} is not CIDR notation or has host bits set
   */
  public static AddressPrefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || !text.substring(slash + 1).matches("\\d{1,2}")) {
      throw new IllegalArgumentException("'" + text + "' is not in CIDR notation");
    }
    return new AddressPrefix(LogicalAddress.parse(text.substring(0, slash)),
        Integer.parseInt(text.substring(slash + 1)));
  }

  private static long mask(int length) {
    return length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
  }

  /** Number of addresses in the block. */
  public long size() {
    return 1L << (32 - length);
  }

  public boolean contains(LogicalAddress address) {
    return (address.value() & mask(length)) == network.value();
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }
}
