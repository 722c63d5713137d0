package dev.isla.dns;

import static dev.isla.dns.SeedCatalog.VNET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.isla.dns.catalog.InMemoryDnsCatalog;
import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import dev.isla.dns.catalog.ResolutionPolicy;
import dev.isla.dns.catalog.ZoneLink;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real {@code dig} (Debian dnsutils, .ci/packages.txt) against the server, as a user would run it. */
class DigIT {

  private static DnsServer server;
  private static InetAddress vnetAddress;

  private record Run(int exit, String out) {}

  @BeforeAll
  static void start() {
    assumeTrue(digAvailable(), "dig is not installed (Debian package dnsutils): skipping the dig component tests");
    InMemoryDnsCatalog catalog = SeedCatalog.create();
    List<RecordData> many = IntStream.range(0, 100).<RecordData>mapToObj(i -> RecordData.a("10.2.0." + i)).toList();
    catalog.put(new PrivateZone("big.internal", List.of(new RecordSet("many", "A", 60, many)),
        List.of(new ZoneLink(VNET, ResolutionPolicy.Default))));
    server = DnsServer.start(catalog, "127.0.0.1", 0);
    vnetAddress = server.bindVnet(VNET);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static boolean digAvailable() {
    try {
      Process p = new ProcessBuilder("dig", "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Run dig(InetAddress at, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("dig", "@" + at.getHostAddress(), "-p",
        String.valueOf(server.port()), "+time=2", "+tries=1"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static InetAddress publicAddress() {
    return server.publicAddress().getAddress();
  }

  @Test
  void seedLoginServerPubliclyAndFromTheVnet() throws Exception {
    assertThat(dig(publicAddress(), "+short", "myacr.azurecr.io").out().lines())
        .containsExactly("myacr.privatelink.azurecr.io.", SeedCatalog.ACR_PUBLIC);
    assertThat(dig(vnetAddress, "+short", "myacr.azurecr.io").out().lines())
        .containsExactly("myacr.privatelink.azurecr.io.", "192.168.2.4");
    assertThat(dig(vnetAddress, "+short", "myacr.eastus.data.azurecr.io").out().lines())
        .containsExactly("myacr.eastus.data.privatelink.azurecr.io.", "192.168.2.5");
  }

  @Test
  void agentBakersRootHealthCheckSucceeds() throws Exception {
    Run root = dig(vnetAddress, ".");
    assertThat(root.exit()).isZero();
    assertThat(root.out()).contains("status: NOERROR").contains("flags: qr rd ra;");
    assertThat(dig(vnetAddress, "+short", ".", "NS").out().lines()).hasSize(13);
  }

  @Test
  void missingPrivateRecordIsNxdomainWithTheZoneSoa() throws Exception {
    Run run = dig(vnetAddress, "forgotten.azurecr.io");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("status: NXDOMAIN")
        .contains("forgotten.privatelink.azurecr.io.")
        .containsPattern("privatelink\\.azurecr\\.io\\.\\s+10\\s+IN\\s+SOA\\s+azureprivatedns\\.net\\.");
  }

  @Test
  void nodataAndNamesOutsideIsla() throws Exception {
    Run aaaa = dig(vnetAddress, "myacr.privatelink.azurecr.io", "AAAA");
    assertThat(aaaa.out()).contains("status: NOERROR").contains("ANSWER: 0");
    assertThat(dig(vnetAddress, "www.example.com").out()).contains("status: NXDOMAIN");
  }

  @Test
  void largeAnswersFallBackToTcpAndTcpWorksDirectly() throws Exception {
    assertThat(dig(vnetAddress, "+short", "+noedns", "many.big.internal").out().lines()).hasSize(100);
    assertThat(dig(vnetAddress, "+short", "+tcp", "myacr.azurecr.io").out().lines())
        .containsExactly("myacr.privatelink.azurecr.io.", "192.168.2.4");
  }

  @Test
  void nonInClassIsRefused() throws Exception {
    assertThat(dig(publicAddress(), "version.bind", "TXT", "CH").out()).contains("status: REFUSED");
  }
}
