package dev.isla.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.identity.ca.LocalCa;
import dev.isla.identity.ca.ServerKeys;
import dev.isla.identity.ca.SubjectNames;
import dev.isla.nodes.command.NodeShell;
import dev.isla.nodes.net.NodeNetwork;
import io.helidon.webserver.WebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https} over the fabric with TLS: the node wraps the fabric's socket, sends SNI and
 * verifies the server's name against Isla's local CA.
 */
@Timeout(30)
class TlsIT {

  final NodeWorld world = new NodeWorld();
  WebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    world.close();
  }

  CommandOutput curl(Path data, String names, String url) throws Exception {
    LocalCa ca = LocalCa.open(data, Clock.systemUTC(), Optional.empty());
    ServerKeys keys = new ServerKeys(ca, SubjectNames.of(names), Clock.systemUTC());
    server = WebServer.builder().host("127.0.0.1").port(0).tls(keys.tls())
        .routing(r -> r.any((req, res) -> res.send("{}"))).build().start();
    world.services.register(NodeWorld.MCR_PUBLIC, 443,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    world.outbound(OutboundType.LOAD_BALANCER);
    String nodeId = "tls-node";
    world.fabric.attach(dev.isla.fabric.route.NodePosition.of(nodeId, NodeWorld.CLUSTER,
        NodeWorld.AKS_SUBNET, LogicalAddress.parse("192.168.1.200")));
    NodeNetwork network = new NodeNetwork(world.fabric, nodeId, new NodeNetwork.Settings(
        Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.of(trusting(ca))));
    return new NodeShell(network, List.of(), NodeWorld.direct("loadBalancer"), Clock.systemUTC())
        .run("curl -sS " + url);
  }

  @Test
  void httpsToMcrSpeaksTlsThroughTheFabric(@TempDir Path data) throws Exception {
    assertThat(curl(data, "mcr.microsoft.com", "https://mcr.microsoft.com/v2/"))
        .isEqualTo(new CommandOutput(0, "{}"));
  }

  @Test
  void aCertificateForAnotherNameFailsTheHandshake(@TempDir Path data) throws Exception {
    CommandOutput out = curl(data, "other.example.com", "https://mcr.microsoft.com/v2/");

    assertThat(out).isEqualTo(new CommandOutput(60, "curl: (60) SSL: no alternative certificate "
        + "subject name matches target host name 'mcr.microsoft.com'\n"));
  }

  private static SSLContext trusting(LocalCa ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ca.truststore())) {
      store.load(in, LocalCa.TRUSTSTORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
