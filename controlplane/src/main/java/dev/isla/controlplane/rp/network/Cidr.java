package dev.isla.controlplane.rp.network;

/**
 * An IPv4 address block in CIDR notation, e.g. {@code 192.168.2.0/24}. The network address has
 * no host bits set: {@code 192.168.2.1/24} is refused, as Azure refuses it
 * ({@code InvalidCIDRNotation}, which names the prefix start that was meant).
 *
 * @param network the first address of the block
 * @param length the prefix length, 0 to 32
 */
public record Cidr(Ipv4Address network, int length) {

  public Cidr {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("a prefix length is between 0 and 32");
    }
    if (network.value() != (network.value() & mask(length))) {
      throw new HostBitsSet(new Cidr(new Ipv4Address(network.value() & mask(length)), length));
    }
  }

  /** Thrown by {@link #parse} when the address has host bits set; tells the block that was meant. */
  public static final class HostBitsSet extends IllegalArgumentException {
    private final transient Cidr meant;

    HostBitsSet(Cidr meant) {
      super("For the given prefix length, the address prefix should be " + meant + ".");
      this.meant = meant;
    }

    /** The block with the host bits cleared. */
    public Cidr meant() {
      return meant;
    }
  }

  /**
   * Parses {@code a.b.c.d/n}.
   *
   * @throws HostBitsSet when the address has host bits set
   * @throws IllegalArgumentException when {@code text} is not CIDR notation at all
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || !text.substring(slash + 1).matches("\\d{1,2}")) {
      throw new IllegalArgumentException("'" + text + "' is not in CIDR notation.");
    }
    Ipv4Address address = Ipv4Address.parse(text.substring(0, slash));
    int length = Integer.parseInt(text.substring(slash + 1));
    if (length > 32) {
      throw new IllegalArgumentException("'" + text + "' has a prefix length above 32.");
    }
    return new Cidr(address, length);
  }

  private static long mask(int length) {
    return length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
  }

  /** Number of addresses in the block. */
  public long size() {
    return 1L << (32 - length);
  }

  /** The last address (the broadcast address of a subnet). */
  public Ipv4Address last() {
    return network.plus(size() - 1);
  }

  public boolean contains(Ipv4Address address) {
    return address.compareTo(network) >= 0 && address.compareTo(last()) <= 0;
  }

  /** True when {@code other} lies wholly inside this block. */
  public boolean contains(Cidr other) {
    return contains(other.network) && contains(other.last());
  }

  public boolean overlaps(Cidr other) {
    return contains(other.network) || other.contains(network);
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }
}
