package dev.isla.controlplane.rp.privatedns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DnsNameTest {

  @Test
  void zonesNeedTwoValidLabels() {
    assertThat(DnsName.zone("privatelink.azurecr.io").labels()).containsExactly("privatelink", "azurecr", "io");
    assertThat(DnsName.zone("Contoso.Internal").key()).isEqualTo("contoso.internal");
    for (String bad : new String[] {"localhost", "-a.com", "a-.com", "a..com", ".com", "com.", "*.contoso.com",
        "a_b c.com", "x".repeat(64) + ".com"}) {
      assertThatThrownBy(() -> DnsName.zone(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void relativeNamesMayHaveDotsTheApexAndAWildcard() {
    assertThat(DnsName.relative("myacr.eastus.data")).isEqualTo("myacr.eastus.data");
    assertThat(DnsName.relative("@")).isEqualTo("@");
    assertThat(DnsName.relative("*.apps")).isEqualTo("*.apps");
    assertThat(DnsName.relative("_acme-challenge")).isEqualTo("_acme-challenge");
    assertThatThrownBy(() -> DnsName.relative("a.*")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DnsName.relative("a b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fqdnsEndWithADot() {
    assertThat(DnsName.fqdn("@", "privatelink.azurecr.io")).isEqualTo("privatelink.azurecr.io.");
    assertThat(DnsName.fqdn("myacr", "privatelink.azurecr.io")).isEqualTo("myacr.privatelink.azurecr.io.");
  }
}
