package dev.isla.dns.catalog;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;

/**
 * One record of a private zone's record set, shaped like Azure's record-set properties
 * ({@code aRecords[].ipv4Address}, {@code cnameRecord.cname}, {@code txtRecords[].value},
 * {@code soaRecord}). Host names are absolute or relative to nothing: a trailing dot is optional.
 */
public sealed interface RecordData {

  /** The DNS type mnemonic: {@code A}, {@code AAAA}, {@code CNAME}, {@code TXT} or {@code SOA}. */
  String type();

  /** An A record from an IPv4 literal (never a name lookup). */
  static A a(String ipv4Address) {
    if (PublicHost.literal(ipv4Address) instanceof Inet4Address v4) {
      return new A(v4);
    }
    throw new IllegalArgumentException("not an IPv4 address: " + ipv4Address);
  }

  /** An AAAA record from an IPv6 literal (never a name lookup). */
  static Aaaa aaaa(String ipv6Address) {
    if (PublicHost.literal(ipv6Address) instanceof Inet6Address v6) {
      return new Aaaa(v6);
    }
    throw new IllegalArgumentException("not an IPv6 address: " + ipv6Address);
  }

  /** {@code aRecords[].ipv4Address}. */
  record A(Inet4Address ipv4Address) implements RecordData {
    public A {
      Objects.requireNonNull(ipv4Address, "ipv4Address");
    }

    @Override
    public String type() {
      return "A";
    }
  }

  /** {@code aaaaRecords[].ipv6Address}. */
  record Aaaa(Inet6Address ipv6Address) implements RecordData {
    public Aaaa {
      Objects.requireNonNull(ipv6Address, "ipv6Address");
    }

    @Override
    public String type() {
      return "AAAA";
    }
  }

  /** {@code cnameRecord.cname}: an absolute host name. */
  record Cname(String cname) implements RecordData {
    public Cname {
      cname = DnsNames.requireHostName(cname, "cname");
    }

    @Override
    public String type() {
      return "CNAME";
    }
  }

  /**
   * {@code txtRecords[].value}: one record of one or more strings. A string longer than the wire's
   * 255 bytes is sent as several consecutive strings, as Azure does.
   */
  record Txt(List<String> value) implements RecordData {
    public Txt {
      value = List.copyOf(value);
      if (value.isEmpty()) {
        throw new IllegalArgumentException("a TXT record needs at least one string");
      }
    }

    @Override
    public String type() {
      return "TXT";
    }
  }

  /** {@code soaRecord}: the zone's SOA (Azure creates it with the zone; only at {@code @}). */
  record Soa(String host, String email, long serialNumber, long refreshTime, long retryTime,
      long expireTime, long minimumTtl) implements RecordData {
    public Soa {
      host = DnsNames.requireHostName(host, "host");
      email = DnsNames.requireHostName(email, "email");
      for (long v : new long[] {serialNumber, refreshTime, retryTime, expireTime, minimumTtl}) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
          throw new IllegalArgumentException("SOA numbers are unsigned 32-bit: " + v);
        }
      }
    }

    /** What Azure puts in a new private zone's SOA (record-set TTL 3600). */
    public static Soa azureDefault() {
      return new Soa("azureprivatedns.net", "azureprivatedns-host.microsoft.com", 1, 3600, 300,
          2419200, 10);
    }

    @Override
    public String type() {
      return "SOA";
    }
  }
}
