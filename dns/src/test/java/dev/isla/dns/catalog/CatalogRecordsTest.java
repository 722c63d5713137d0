package dev.isla.dns.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogRecordsTest {

  private static final String VNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v";

  @Test
  void registryEndpointsGetAzuresPrivatelinkName() {
    assertThat(PublicHost.registryEndpoint("MyAcr.azurecr.io", "20.0.0.1", true).privateLinkName())
        .contains("myacr.privatelink.azurecr.io");
    assertThat(PublicHost.registryEndpoint("myacr.eastus.data.azurecr.io.", "20.0.0.1", true).privateLinkName())
        .contains("myacr.eastus.data.privatelink.azurecr.io");
    assertThat(PublicHost.registryEndpoint("myacr.azurecr.io", "20.0.0.1", false).privateLinkName()).isEmpty();
    assertThatThrownBy(() -> PublicHost.registryEndpoint("myacr.example.com", "20.0.0.1", true))
        .hasMessageContaining("not a registry host");
    assertThatThrownBy(() -> PublicHost.of("mcr.microsoft.com", "mcr.microsoft.com"))
        .hasMessageContaining("not an IP address literal");
  }

  @Test
  void recordSetsFollowAzuresRules() {
    assertThat(RecordSet.of("MyAcr.EastUS.Data", 10, RecordData.a("192.168.2.5")).name()).isEqualTo("myacr.eastus.data");
    assertThat(RecordSet.of("*.apps", 10, RecordData.a("10.0.0.1")).type()).isEqualTo("A");
    assertThatThrownBy(() -> new RecordSet("x", "A", 10, List.of(RecordData.a("10.0.0.1"), RecordData.aaaa("::1"))))
        .hasMessageContaining("holds other types");
    assertThatThrownBy(() -> new RecordSet("x", "MX", 10, List.of())).hasMessageContaining("not served");
    assertThatThrownBy(() -> RecordSet.of("x", 10, new RecordData.Cname("a.b"), new RecordData.Cname("c.d")))
        .hasMessageContaining("one record at most");
    assertThatThrownBy(() -> RecordSet.of("@", 10, new RecordData.Cname("a.b"))).hasMessageContaining("not allowed at '@'");
    assertThatThrownBy(() -> RecordSet.of("x", 10, RecordData.Soa.azureDefault())).hasMessageContaining("not allowed");
    assertThatThrownBy(() -> RecordSet.of("x.", 10, RecordData.a("10.0.0.1"))).hasMessageContaining("relative");
    assertThat(new RecordSet("x", "a", 10, List.of()).type()).as("Azure allows empty sets").isEqualTo("A");
    assertThatThrownBy(() -> RecordSet.of("x", 10)).hasMessageContaining("needs a record");
    assertThatThrownBy(() -> RecordData.a("::1")).hasMessageContaining("not an IPv4");
    assertThatThrownBy(() -> new RecordData.Txt(List.of())).hasMessageContaining("at least one string");
  }

  @Test
  void zonesRefuseDuplicateSetsAndCnameBesideData() {
    RecordSet a = RecordSet.of("x", 10, RecordData.a("10.0.0.1"));
    RecordSet cname = RecordSet.of("x", 10, new RecordData.Cname("y.z"));
    assertThatThrownBy(() -> new PrivateZone("z.internal", List.of(a, a), List.of())).hasMessageContaining("two A sets");
    assertThatThrownBy(() -> new PrivateZone("z.internal", List.of(a, cname), List.of()))
        .hasMessageContaining("cannot have other data");
    assertThatThrownBy(() -> new PrivateZone("bad..name", List.of(), List.of())).hasMessageContaining("not a host name");
    PrivateZone zone = new PrivateZone("Z.Internal.", List.of(a), List.of(new ZoneLink(VNET, ResolutionPolicy.Default)));
    assertThat(zone.name()).isEqualTo("z.internal");
    assertThat(zone.linkTo(VNET.toUpperCase())).isPresent();
    assertThat(zone.linkTo(VNET + "2")).isEmpty();
  }

  @Test
  void resolutionPolicyParsesTheWireValue() {
    assertThat(ResolutionPolicy.parse("nxdomainredirect")).isEqualTo(ResolutionPolicy.NxDomainRedirect);
    assertThatThrownBy(() -> ResolutionPolicy.parse("Sometimes")).hasMessageContaining("unknown resolutionPolicy");
  }

  @Test
  void cachingCatalogReadsOnceUntilInvalidated() {
    AtomicInteger reads = new AtomicInteger();
    InMemoryDnsCatalog backing = new InMemoryDnsCatalog().put(PublicHost.of("mcr.microsoft.com", "20.0.0.1"));
    DnsCatalog counting = new DnsCatalog() {
      @Override
      public List<PrivateZone> privateZonesLinkedTo(String vnetId) {
        reads.incrementAndGet();
        return backing.privateZonesLinkedTo(vnetId);
      }

      @Override
      public List<PublicHost> publicHosts() {
        return backing.publicHosts();
      }
    };
    CachingDnsCatalog cache = new CachingDnsCatalog(counting);
    List<PublicHost> first = cache.publicHosts();
    List<PrivateZone> zones = cache.privateZonesLinkedTo(VNET);
    assertThat(cache.privateZonesLinkedTo(VNET.toUpperCase())).isSameAs(zones);
    assertThat(cache.publicHosts()).isSameAs(first);
    assertThat(reads).hasValue(1);
    backing.put(PublicHost.of("other.example", "20.0.0.2"));
    assertThat(cache.publicHosts()).hasSize(1);
    cache.invalidate();
    assertThat(cache.publicHosts()).hasSize(2);
    cache.privateZonesLinkedTo(VNET);
    assertThat(reads).hasValue(2);
    assertThat(new PublicHost("a.b", List.of(PublicHost.literal("20.0.0.3")), Optional.empty()).name()).isEqualTo("a.b");
  }
}
