package dev.isla.controlplane.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.ArmException;
import dev.isla.controlplane.rp.containerregistry.CacheRule;
import dev.isla.controlplane.rp.containerregistry.RegistryName;
import dev.isla.controlplane.rp.network.Cidr;
import dev.isla.controlplane.rp.network.Ipv4Address;
import dev.isla.controlplane.rp.privatedns.DnsName;
import dev.isla.fuzz.Fuzz;
import dev.isla.fuzz.Mutations;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Fuzzes the control plane's value records. Contract: a value, or
 * {@link IllegalArgumentException} with a message ({@link ArmException} with a 4xx for registry
 * names and cache rules, which validate into ARM errors); a parsed value prints back to itself.
 */
class ValueRecordFuzzTest {

  static final List<String> TOKENS = List.of(".", "/", "0", "255", "256", "4294967296", "-1",
      "+1", "00", "0x1", "*", "privatelink", "azurecr.io", "mcr.microsoft.com", "docker.io");

  @Provide
  Arbitrary<String> addresses() {
    return Arbitraries.oneOf(Mutations.of(List.of("10.0.0.0/8", "192.168.1.0/24",
            "0.0.0.0/0", "255.255.255.255/32", "172.16.5.4"), TOKENS),
        Arbitraries.strings().withChars("0123456789./").ofMaxLength(25));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(Mutations.of(List.of("privatelink.azurecr.io", "myacr", "@",
        "mcr.microsoft.com/*", "mcr/*", "docker.io/library/nginx", "*", "a.b-c_d"), TOKENS),
        Arbitraries.strings().all().ofMaxLength(80));
  }

  @Fuzz
  void addressesAndCidrs(@ForAll("addresses") String text) {
    try {
      Cidr cidr = Cidr.parse(text);
      assertThat(Cidr.parse(cidr.toString())).isEqualTo(cidr);
      assertThat(cidr.contains(cidr.last())).isTrue();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      Ipv4Address address = Ipv4Address.parse(text);
      assertThat(Ipv4Address.parse(address.toString())).isEqualTo(address);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Fuzz
  void dnsAndRegistryNamesAndCacheRules(@ForAll("names") String text,
      @ForAll("names") String other) {
    try {
      DnsName zone = DnsName.zone(text);
      assertThat(DnsName.zone(zone.text())).isEqualTo(zone);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      DnsName.fqdn(DnsName.relative(text), "privatelink.azurecr.io");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    assertThat(RegistryName.isValid(text)).isEqualTo(parses(text));
    try {
      new CacheRule("rule1", text, other);
    } catch (ArmException e) {
      assertThat(e.status()).isBetween(400, 499);
    }
  }

  private static boolean parses(String text) {
    try {
      RegistryName.parse(text);
      return true;
    } catch (ArmException e) {
      assertThat(e.status()).isBetween(400, 499);
      return false;
    }
  }
}
