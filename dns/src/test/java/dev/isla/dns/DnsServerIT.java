package dev.isla.dns;

import static dev.isla.dns.SeedCatalog.VNET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.dns.catalog.InMemoryDnsCatalog;
import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import dev.isla.dns.catalog.ResolutionPolicy;
import dev.isla.dns.catalog.ZoneLink;
import dev.isla.dns.listener.ListenerSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The server on real sockets, driven by dnsjava's {@link SimpleResolver} and raw sockets. */
class DnsServerIT {

  private final InMemoryDnsCatalog catalog = SeedCatalog.create();
  private DnsServer server;
  private InetAddress vnetAddress;

  @BeforeEach
  void start() {
    server = DnsServer.start(catalog, "127.0.0.1", 0, ListenerSettings.defaults().withTcpTimeout(Duration.ofMillis(400)));
    vnetAddress = server.bindVnet(VNET);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Message ask(InetAddress at, String name, int type, boolean tcp) throws IOException {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(at, server.port()));
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(2));
    return resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  private static List<String> data(Message m) {
    return m.getSection(Section.ANSWER).stream().map(rr -> rr.rdataToString()).toList();
  }

  @Test
  void eachAddressAnswersAsItsViewOverUdpAndTcp() throws IOException {
    InetAddress pub = server.publicAddress().getAddress();
    for (boolean tcp : new boolean[] {false, true}) {
      assertThat(data(ask(pub, "myacr.azurecr.io.", Type.A, tcp)))
          .containsExactly("myacr.privatelink.azurecr.io.", SeedCatalog.ACR_PUBLIC);
      assertThat(data(ask(vnetAddress, "myacr.azurecr.io.", Type.A, tcp)))
          .containsExactly("myacr.privatelink.azurecr.io.", "192.168.2.4");
    }
    assertThat(vnetAddress.getHostAddress()).startsWith("127.53.");
    assertThat(server.addressOf(VNET.toUpperCase())).contains(vnetAddress);
    assertThat(server.bindVnet(VNET)).as("idempotent").isEqualTo(vnetAddress);
  }

  @Test
  void rootQueryAndNegativeAnswersOverTheWire() throws IOException {
    Message root = ask(vnetAddress, ".", Type.NS, false);
    assertThat(root.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(root.getSection(Section.ANSWER)).hasSize(13);
    Message nx = ask(vnetAddress, "forgotten.azurecr.io.", Type.A, false);
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.AUTHORITY)).extracting(rr -> rr.getName().toString())
        .containsExactly("privatelink.azurecr.io.");
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcp() throws IOException {
    List<RecordData> many = IntStream.range(0, 100).<RecordData>mapToObj(i -> RecordData.a("10.2.0." + i)).toList();
    catalog.put(new PrivateZone("big.internal", List.of(new RecordSet("many", "A", 60, many)),
        List.of(new ZoneLink(VNET, ResolutionPolicy.Default))));
    Message query = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("many.big.internal."), Type.A, DClass.IN));
    try (DatagramSocket udp = new DatagramSocket()) {
      udp.setSoTimeout(2000);
      byte[] wire = query.toWire();
      udp.send(new DatagramPacket(wire, wire.length, new InetSocketAddress(vnetAddress, server.port())));
      DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
      udp.receive(reply);
      assertThat(reply.getLength()).isLessThanOrEqualTo(512);
      assertThat(new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength())).getHeader().getFlag(Flags.TC))
          .isTrue();
    }
    assertThat(ask(vnetAddress, "many.big.internal.", Type.A, false).getSection(Section.ANSWER)).hasSize(100);
  }

  @Test
  void oneTcpConnectionCarriesSeveralQueries() throws IOException {
    try (Socket socket = new Socket(vnetAddress, server.port())) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      for (String name : List.of("myacr.azurecr.io.", "mcr.microsoft.com.")) {
        byte[] q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name), Type.A, DClass.IN)).toWire();
        out.writeShort(q.length);
        out.write(q);
        out.flush();
        byte[] reply = new byte[in.readUnsignedShort()];
        in.readFully(reply);
        assertThat(new Message(reply).getRcode()).isEqualTo(Rcode.NOERROR);
      }
    }
  }

  @Test
  void manyConcurrentQueriesAreAllAnswered() throws Exception {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(vnetAddress, server.port()));
    resolver.setTimeout(Duration.ofSeconds(3));
    List<java.util.concurrent.CompletableFuture<Message>> replies = IntStream.range(0, 200)
        .mapToObj(i -> resolver.sendAsync(Message.newQuery(org.xbill.DNS.Record.newRecord(
            Name.fromConstantString(i % 2 == 0 ? "myacr.azurecr.io." : "mcr.microsoft.com."), Type.A, DClass.IN)))
            .toCompletableFuture())
        .toList();
    for (var reply : replies) {
      assertThat(reply.get(10, java.util.concurrent.TimeUnit.SECONDS).getRcode()).isEqualTo(Rcode.NOERROR);
    }
  }

  @Test
  void slowTcpClientIsCutOff() throws IOException {
    try (Socket socket = new Socket(vnetAddress, server.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(new byte[] {0, 40, 1, 2});
      long started = System.nanoTime();
      InputStream in = socket.getInputStream();
      assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void malformedDatagramsDontStopTheServer() throws IOException {
    try (DatagramSocket udp = new DatagramSocket()) {
      udp.setSoTimeout(2000);
      byte[] junk = {0x42, 0x42, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, (byte) 0xFF};
      udp.send(new DatagramPacket(junk, junk.length, server.publicAddress()));
      DatagramPacket reply = new DatagramPacket(new byte[512], 512);
      udp.receive(reply);
      assertThat(new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength())).getRcode())
          .isEqualTo(Rcode.FORMERR);
    }
    assertThat(ask(server.publicAddress().getAddress(), "mcr.microsoft.com.", Type.A, false).getRcode())
        .isEqualTo(Rcode.NOERROR);
  }

  @Test
  void unbindStopsTheVnetViewAndBindRules() throws IOException {
    assertThat(server.unbind(vnetAddress)).isTrue();
    assertThat(server.addressOf(VNET)).isEmpty();
    SimpleResolver gone = new SimpleResolver(new InetSocketAddress(vnetAddress, server.port()));
    gone.setTimeout(Duration.ofMillis(300));
    assertThatThrownBy(() -> gone.send(Message.newQuery(
        org.xbill.DNS.Record.newRecord(Name.fromString("myacr.azurecr.io."), Type.A, DClass.IN))))
        .isInstanceOf(IOException.class);
    assertThat(server.unbind(vnetAddress)).isFalse();

    InetAddress chosen = InetAddress.getByName("127.53.200.7");
    server.bind(chosen, Optional.of(VNET));
    assertThat(data(ask(chosen, "myacr.azurecr.io.", Type.A, false))).contains("192.168.2.4");
    assertThatThrownBy(() -> server.bind(InetAddress.getByName("127.53.200.8"), Optional.of(VNET)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already bound on 127.53.200.7");
    assertThatThrownBy(() -> server.bind(InetAddress.getByName("10.0.0.1"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
    assertThat(server.bindings()).containsEntry(chosen, Optional.of(VNET))
        .containsEntry(server.publicAddress().getAddress(), Optional.empty());
  }

  @Test
  void inProcessResolveMatchesTheWire() {
    assertThat(server.resolve("myacr.azurecr.io", "a", Optional.of(VNET)).answer())
        .extracting(rr -> rr.rdataToString()).containsExactly("myacr.privatelink.azurecr.io.", "192.168.2.4");
    assertThatThrownBy(() -> server.resolve("x", "NOPE", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
