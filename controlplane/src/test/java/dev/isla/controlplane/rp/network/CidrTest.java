package dev.isla.controlplane.rp.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void parsesBlocksAndKnowsTheirBounds() {
    Cidr c = Cidr.parse("192.168.2.0/24");
    assertThat(c.network()).isEqualTo(Ipv4Address.parse("192.168.2.0"));
    assertThat(c.length()).isEqualTo(24);
    assertThat(c.size()).isEqualTo(256);
    assertThat(c.last()).hasToString("192.168.2.255");
    assertThat(c).hasToString("192.168.2.0/24");
    assertThat(Cidr.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
    assertThat(Cidr.parse("10.0.0.7/32").last()).hasToString("10.0.0.7");
  }

  @Test
  void refusesHostBitsNamingThePrefixMeant() {
    assertThatThrownBy(() -> Cidr.parse("192.168.2.1/16"))
        .isInstanceOf(Cidr.HostBitsSet.class)
        .hasMessage("For the given prefix length, the address prefix should be 192.168.0.0/16.")
        .satisfies(e -> assertThat(((Cidr.HostBitsSet) e).meant()).hasToString("192.168.0.0/16"));
  }

  @Test
  void refusesWhatIsNotCidr() {
    for (String bad : new String[] {"192.168.0.0", "192.168.0.0/33", "192.168.0/16", "a.b.c.d/8",
        "192.168.0.0/", "300.1.1.1/8", "01.2.3.4/8"}) {
      assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .isNotInstanceOf(Cidr.HostBitsSet.class);
    }
  }

  @Test
  void containmentAndOverlap() {
    Cidr vnet = Cidr.parse("192.168.0.0/16");
    Cidr a = Cidr.parse("192.168.1.0/24");
    Cidr b = Cidr.parse("192.168.1.128/25");
    Cidr c = Cidr.parse("192.169.0.0/24");
    assertThat(vnet.contains(a)).isTrue();
    assertThat(vnet.contains(c)).isFalse();
    assertThat(a.overlaps(b)).isTrue();
    assertThat(b.overlaps(a)).isTrue();
    assertThat(a.overlaps(c)).isFalse();
    assertThat(a.contains(Ipv4Address.parse("192.168.1.255"))).isTrue();
    assertThat(a.contains(Ipv4Address.parse("192.168.2.0"))).isFalse();
  }

  @Test
  void ipv4AddressesParseOrderAndAdd() {
    assertThat(Ipv4Address.parse("255.255.255.255").value()).isEqualTo(0xFFFF_FFFFL);
    assertThat(Ipv4Address.parse("192.168.2.255").plus(1)).hasToString("192.168.3.0");
    assertThat(Ipv4Address.parse("10.0.0.2")).isLessThan(Ipv4Address.parse("10.0.0.10"));
    assertThatThrownBy(() -> Ipv4Address.parse("1.2.3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ipv4Address.parse("1.2.3.256")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void azureReservesFiveAddressesPerSubnet() {
    Cidr s = Cidr.parse("192.168.2.0/24");
    for (String reserved : new String[] {"192.168.2.0", "192.168.2.1", "192.168.2.2", "192.168.2.3", "192.168.2.255"}) {
      assertThat(AddressPlan.isReserved(s, Ipv4Address.parse(reserved))).as(reserved).isTrue();
    }
    assertThat(AddressPlan.isReserved(s, Ipv4Address.parse("192.168.2.4"))).isFalse();
    assertThat(AddressPlan.isReserved(s, Ipv4Address.parse("192.168.2.254"))).isFalse();
  }
}
