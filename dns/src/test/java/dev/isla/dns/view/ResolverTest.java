package dev.isla.dns.view;

import static dev.isla.dns.SeedCatalog.OTHER_VNET;
import static dev.isla.dns.SeedCatalog.VNET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.dns.SeedCatalog;
import dev.isla.dns.catalog.DnsCatalog;
import dev.isla.dns.catalog.InMemoryDnsCatalog;
import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.PublicHost;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import dev.isla.dns.catalog.ResolutionPolicy;
import dev.isla.dns.catalog.ZoneLink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

class ResolverTest {

  private final InMemoryDnsCatalog catalog = SeedCatalog.create();

  private Resolution resolve(DnsCatalog c, String name, int type, Optional<String> vnet) {
    return new Resolver(c, Duration.ofSeconds(2)).resolve(Name.fromConstantString(name), type, vnet);
  }

  private Resolution fromVnet(String name, int type) {
    return resolve(catalog, name, type, Optional.of(VNET));
  }

  private Resolution fromPublic(String name, int type) {
    return resolve(catalog, name, type, Optional.empty());
  }

  private static List<String> lines(Resolution r) {
    return r.answer().stream().map(Object::toString).toList();
  }

  private static String soaOwner(Resolution r) {
    assertThat(r.authority()).hasSize(1).first().isInstanceOf(SOARecord.class);
    return r.authority().get(0).getName().toString();
  }

  @Test
  void loginServerFromTheLinkedVnetComesFromThePrivateZone() {
    Resolution r = fromVnet("myacr.azurecr.io.", Type.A);
    assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(lines(r)).containsExactly(
        "myacr.azurecr.io.\t60\tIN\tCNAME\tmyacr.privatelink.azurecr.io.",
        "myacr.privatelink.azurecr.io.\t10\tIN\tA\t192.168.2.4");
    assertThat(r.authority()).isEmpty();
  }

  @Test
  void dataEndpointFromTheLinkedVnetComesFromTheDottedRecordName() {
    Resolution r = fromVnet("myacr.eastus.data.azurecr.io.", Type.A);
    assertThat(r.answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("myacr.eastus.data.privatelink.azurecr.io.", "192.168.2.5");
  }

  @Test
  void publicViewCnamesToPrivatelinkThenThePublicAddress() {
    Resolution r = fromPublic("myacr.azurecr.io.", Type.A);
    assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("myacr.privatelink.azurecr.io.", SeedCatalog.ACR_PUBLIC);
  }

  @Test
  void publicViewNeverSeesPrivateZones() {
    assertThat(fromPublic("myacr.privatelink.azurecr.io.", Type.A).answer())
        .extracting(rr -> rr.rdataToString()).containsExactly(SeedCatalog.ACR_PUBLIC);
    assertThat(fromPublic("mycluster-abc123.privatelink.eastus.azmk8s.io.", Type.A).rcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void vnetWithoutTheLinkGetsThePublicAddress() {
    Resolution r = resolve(catalog, "myacr.azurecr.io.", Type.A, Optional.of(OTHER_VNET));
    assertThat(r.answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("myacr.privatelink.azurecr.io.", SeedCatalog.ACR_PUBLIC);
  }

  @Test
  void vnetIdsCompareCaseInsensitively() {
    Resolution r = resolve(catalog, "myacr.azurecr.io.", Type.A, Optional.of(VNET.toUpperCase()));
    assertThat(r.answer()).extracting(rr -> rr.rdataToString()).contains("192.168.2.4");
  }

  @Test
  void registryWithoutPrivateEndpointHasNoPrivatelinkCname() {
    Resolution r = fromVnet("plainacr.azurecr.io.", Type.A);
    assertThat(lines(r)).containsExactly("plainacr.azurecr.io.\t60\tIN\tA\t" + SeedCatalog.PLAIN_ACR_PUBLIC);
  }

  @Test
  void linkedZoneWithoutTheRecordIsAuthoritativeNxdomain() {
    Resolution r = fromVnet("forgotten.azurecr.io.", Type.A);
    assertThat(r.rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(r.answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("forgotten.privatelink.azurecr.io.");
    assertThat(soaOwner(r)).isEqualTo("privatelink.azurecr.io.");
    assertThat(r.authority().get(0).getTTL()).as("min(SOA TTL, minimum)").isEqualTo(10);
  }

  @Test
  void nxDomainRedirectFallsBackToThePublicAnswer() {
    Resolution r = resolve(SeedCatalog.create(ResolutionPolicy.NxDomainRedirect), "forgotten.azurecr.io.",
        Type.A, Optional.of(VNET));
    assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("forgotten.privatelink.azurecr.io.", "20.62.128.30");
  }

  @Test
  void nxDomainRedirectStillAnswersFromTheZoneWhenTheRecordExists() {
    Resolution r = resolve(SeedCatalog.create(ResolutionPolicy.NxDomainRedirect), "myacr.azurecr.io.",
        Type.A, Optional.of(VNET));
    assertThat(r.answer()).extracting(rr -> rr.rdataToString()).contains("192.168.2.4");
  }

  @Test
  void privateApiServerFqdnResolvesInTheLinkedVnetOnly() {
    assertThat(fromVnet("mycluster-abc123.privatelink.eastus.azmk8s.io.", Type.A).answer())
        .extracting(rr -> rr.rdataToString()).containsExactly("10.224.0.4");
    assertThat(fromVnet("mycluster-abc123.hcp.eastus.azmk8s.io.", Type.A).answer())
        .extracting(rr -> rr.rdataToString()).containsExactly(SeedCatalog.API_PUBLIC);
  }

  @Test
  void aaaaOfANameWithOnlyAIsNodataWithTheZoneSoa() {
    Resolution r = fromVnet("myacr.privatelink.azurecr.io.", Type.AAAA);
    assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.answer()).isEmpty();
    assertThat(soaOwner(r)).isEqualTo("privatelink.azurecr.io.");

    Resolution viaChain = fromVnet("myacr.azurecr.io.", Type.AAAA);
    assertThat(viaChain.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(viaChain.answer()).extracting(rr -> rr.getType()).containsExactly(Type.CNAME);
    assertThat(soaOwner(viaChain)).isEqualTo("privatelink.azurecr.io.");
  }

  @Test
  void emptyNonTerminalOfADottedRecordNameIsNodata() {
    Resolution r = fromVnet("eastus.data.privatelink.azurecr.io.", Type.A);
    assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.answer()).isEmpty();
  }

  @Test
  void rootNsAndRootA() {
    Resolution ns = fromVnet(".", Type.NS);
    assertThat(ns.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(ns.answer()).hasSize(13).allMatch(rr -> rr.getType() == Type.NS);
    Resolution a = fromPublic(".", Type.A);
    assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.answer()).isEmpty();
    assertThat(soaOwner(a)).isEqualTo(".");
    assertThat(fromPublic("a.root-servers.net.", Type.A).answer()).hasSize(1);
  }

  @Test
  void unknownNamesAreNxdomainWithTheEnclosingPublicZoneSoa() {
    Resolution inside = fromPublic("nosuchacr.azurecr.io.", Type.A);
    assertThat(inside.rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(soaOwner(inside)).isEqualTo("azurecr.io.");
    Resolution outside = fromVnet("www.example.com.", Type.A);
    assertThat(outside.rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(soaOwner(outside)).isEqualTo(".");
    assertThat(outside.authority().get(0).getTTL()).isLessThanOrEqualTo(PublicTable.NEGATIVE_TTL_CAP);
  }

  @Test
  void namesAreCaseInsensitive() {
    assertThat(fromVnet("MyAcR.AzureCR.IO.", Type.A).answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("myacr.privatelink.azurecr.io.", "192.168.2.4");
  }

  @Test
  void upstreamsResolvePublicly() {
    assertThat(fromVnet("mcr.microsoft.com.", Type.A).answer()).extracting(rr -> rr.rdataToString())
        .containsExactly(SeedCatalog.MCR_PUBLIC);
    assertThat(fromVnet("microsoft.com.", Type.A).rcode()).as("empty non-terminal").isEqualTo(Rcode.NOERROR);
  }

  @Test
  void longestLinkedSuffixWins() {
    catalog.put(new PrivateZone("azurecr.io", List.of(RecordSet.of("myacr", 5, RecordData.a("10.9.9.9"))),
        List.of(new ZoneLink(VNET, ResolutionPolicy.Default))));
    assertThat(fromVnet("myacr.azurecr.io.", Type.A).answer()).extracting(rr -> rr.rdataToString())
        .as("the azurecr.io zone shadows the public CNAME").containsExactly("10.9.9.9");
    assertThat(fromVnet("myacr.privatelink.azurecr.io.", Type.A).answer())
        .extracting(rr -> rr.rdataToString()).containsExactly("192.168.2.4");
  }

  @Test
  void wildcardsCnamesAndTxtInAPrivateZone() {
    catalog.put(new PrivateZone("corp.internal", List.of(
        RecordSet.of("*.apps", 30, RecordData.a("10.1.0.9")),
        RecordSet.of("www", 30, new RecordData.Cname("web.corp.internal")),
        RecordSet.of("web", 30, RecordData.a("10.1.0.10")),
        RecordSet.of("@", 30, new RecordData.Txt(List.of("v=spf1 -all")))),
        List.of(new ZoneLink(VNET, ResolutionPolicy.Default))));
    assertThat(lines(fromVnet("x.apps.corp.internal.", Type.A)))
        .containsExactly("x.apps.corp.internal.\t30\tIN\tA\t10.1.0.9");
    assertThat(fromVnet("www.corp.internal.", Type.A).answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("web.corp.internal.", "10.1.0.10");
    assertThat(fromVnet("www.corp.internal.", Type.CNAME).answer()).hasSize(1);
    assertThat(fromVnet("corp.internal.", Type.TXT).answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("\"v=spf1 -all\"");
    assertThat(fromVnet("corp.internal.", Type.SOA).answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("azureprivatedns.net. azureprivatedns-host.microsoft.com. 1 3600 300 2419200 10");
  }

  @Test
  void emptyRecordSetsMakeTheNameExistAndLongTxtIsSplit() {
    catalog.put(new PrivateZone("corp.internal", List.of(
        new RecordSet("reserved", "A", 30, List.of()),
        RecordSet.of("long", 30, new RecordData.Txt(List.of("a\\b" + "x".repeat(300))))),
        List.of(new ZoneLink(VNET, ResolutionPolicy.Default))));
    Resolution empty = fromVnet("reserved.corp.internal.", Type.A);
    assertThat(empty.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(empty.answer()).isEmpty();
    org.xbill.DNS.TXTRecord txt = (org.xbill.DNS.TXTRecord) fromVnet("long.corp.internal.", Type.TXT).answer().get(0);
    List<byte[]> strings = txt.getStringsAsByteArrays();
    assertThat(strings).hasSize(2).allMatch(b -> b.length <= 255);
    assertThat(strings.stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
        .collect(java.util.stream.Collectors.joining())).isEqualTo("a\\b" + "x".repeat(300));
  }

  @Test
  void cnameLoopIsServfail() {
    catalog.put(new PrivateZone("loop.internal", List.of(
        RecordSet.of("a", 30, new RecordData.Cname("b.loop.internal")),
        RecordSet.of("b", 30, new RecordData.Cname("a.loop.internal"))),
        List.of(new ZoneLink(VNET, ResolutionPolicy.Default))));
    Resolution r = fromVnet("a.loop.internal.", Type.A);
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void aFailingCatalogIsServfail() {
    DnsCatalog broken = new DnsCatalog() {
      @Override
      public List<PrivateZone> privateZonesLinkedTo(String vnetId) {
        throw new IllegalStateException("store closed");
      }

      @Override
      public List<PublicHost> publicHosts() {
        return List.of();
      }
    };
    assertThat(resolve(broken, "myacr.azurecr.io.", Type.A, Optional.of(VNET)).rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(resolve(broken, "mcr.microsoft.com.", Type.A, Optional.empty()).rcode())
        .as("the public view does not read private zones").isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void catalogChangesAreSeenByTheNextQuery() {
    catalog.put(PublicHost.registryEndpoint("newacr.azurecr.io", "20.62.128.40", false));
    assertThat(fromPublic("newacr.azurecr.io.", Type.A).answer()).extracting(rr -> rr.rdataToString())
        .containsExactly("20.62.128.40");
  }
}
