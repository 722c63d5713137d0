package dev.isla.launcher.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.address.LogicalAddress;
import org.junit.jupiter.api.Test;

class PublicAddressesTest {

  @Test
  void sameNameSameAddressWhateverTheCase() {
    assertThat(PublicAddresses.of("MyAcr.azurecr.io")).isEqualTo(PublicAddresses.of("myacr.azurecr.io"));
  }

  @Test
  void addressesArePublicAndInAzuresRange() {
    for (String host : new String[] {"mcr.microsoft.com", "a.azurecr.io", "b.azurecr.io", "x"}) {
      LogicalAddress a = PublicAddresses.of(host);
      assertThat(a.isNonPublic()).as(host).isFalse();
      assertThat(AddressPrefix.parse("20.64.0.0/10").contains(a)).as(host).isTrue();
    }
  }

  @Test
  void differentNamesGetDifferentAddresses() {
    assertThat(PublicAddresses.of("one.azurecr.io")).isNotEqualTo(PublicAddresses.of("two.azurecr.io"));
  }
}
