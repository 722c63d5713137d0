package dev.isla.fabric.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogicalAddressTest {

  @Test
  void parsesAndPrintsDottedQuads() {
    assertThat(LogicalAddress.parse("192.168.2.4").toString()).isEqualTo("192.168.2.4");
    assertThat(LogicalAddress.parse("255.255.255.255").value()).isEqualTo(0xFFFF_FFFFL);
    assertThat(LogicalAddress.of(LogicalAddress.parse("20.62.0.5").inet()))
        .isEqualTo(LogicalAddress.parse("20.62.0.5"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.2", "256.1.1.1", "01.2.3.4", "a.b.c.d", "mcr.microsoft.com", ""})
  void refusesWhatIsNotAnAddress(String text) {
    assertThatThrownBy(() -> LogicalAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.4", "172.31.255.1", "192.168.1.4", "100.64.0.1", "169.254.169.254",
      "127.0.0.1", "0.0.0.0", "224.0.0.1"})
  void nonPublicAddresses(String text) {
    assertThat(LogicalAddress.parse(text).isNonPublic()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"20.62.0.5", "168.63.129.16", "172.32.0.1", "8.8.8.8", "100.128.0.1"})
  void publicAddresses(String text) {
    assertThat(LogicalAddress.parse(text).isNonPublic()).isFalse();
  }

  @Test
  void prefixesContainTheirAddressesAndRefuseHostBits() {
    AddressPrefix prefix = AddressPrefix.parse("192.168.1.0/24");

    assertThat(prefix.contains(LogicalAddress.parse("192.168.1.255"))).isTrue();
    assertThat(prefix.contains(LogicalAddress.parse("192.168.2.0"))).isFalse();
    assertThat(AddressPrefix.parse("0.0.0.0/0").contains(LogicalAddress.parse("8.8.8.8"))).isTrue();
    assertThatThrownBy(() -> AddressPrefix.parse("192.168.1.1/24")).hasMessageContaining("host bits");
    assertThatThrownBy(() -> AddressPrefix.parse("192.168.1.0")).isInstanceOf(IllegalArgumentException.class);
  }
}
