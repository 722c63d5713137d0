package dev.isla.launcher.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.identity.ca.LocalCa;
import dev.isla.identity.ca.ServerKeys;
import dev.isla.identity.ca.SubjectNames;
import dev.isla.launcher.IslaTrust;
import io.helidon.webserver.WebServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConnectProxy} on real sockets: a JDK HTTPS client reaches a TLS listener by a name
 * that does not resolve ({@code r1.azurecr.io}) through the tunnel, with the certificate checked
 * end to end; bytes sent right after the head are forwarded; refusals (403 target, 405 method,
 * 400 malformed, oversized or slow head, 502 dead target, 503 full) are text naming the cause.
 */
class ConnectProxyIT {

  @TempDir Path data;
  private final AtomicReference<ProxyTargets> targets = new AtomicReference<>();
  private ConnectProxy proxy;
  private WebServer tlsServer;

  private ConnectProxy start(ConnectProxy.Settings settings) {
    proxy = new ConnectProxy("127.0.0.1", 0, (host, port) -> targets.get().resolve(host, port), settings);
    return proxy;
  }

  private static ConnectProxy.Settings quick() {
    return new ConnectProxy.Settings(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(2), 8);
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (tlsServer != null) {
      tlsServer.stop();
    }
  }

  @Test
  void anHttpsClientReachesATlsListenerByItsRegistryNameThroughTheTunnel() throws Exception {
    LocalCa ca = LocalCa.open(data);
    ServerKeys keys = new ServerKeys(ca, SubjectNames.parse(List.of("*.azurecr.io")), Clock.systemUTC());
    tlsServer = WebServer.builder().host("127.0.0.1").port(0).tls(keys.tls())
        .routing(r -> r.get("/v2/", (req, res) -> res.send("host=" + req.headers().first(
            io.helidon.http.HeaderNames.HOST).orElse("")))).build().start();
    targets.set((host, port) -> host.equals("r1.azurecr.io") && port == 443
        ? new ProxyTargets.Decision.Tunnel(new InetSocketAddress("127.0.0.1", tlsServer.port()))
        : new ProxyTargets.Decision.Refuse("not " + host));
    start(ConnectProxy.Settings.defaults());
    HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(proxy.address()))
        .sslContext(IslaTrust.of(ca.truststore())).connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://r1.azurecr.io/v2/"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("host=r1.azurecr.io");
  }

  @Test
  void bytesSentWithTheHeadAndAfterItReachTheTargetAndComeBack() throws Exception {
    try (ServerSocket echo = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = echo.accept()) {
          s.getInputStream().transferTo(s.getOutputStream());
        } catch (Exception e) {
          // The test fails on its own assertions.
        }
      });
      targets.set((host, port) -> new ProxyTargets.Decision.Tunnel(
          new InetSocketAddress("127.0.0.1", echo.getLocalPort())));
      start(quick());
      try (Socket s = connect()) {
        OutputStream out = s.getOutputStream();
        out.write("CONNECT r1.azurecr.io:443 HTTP/1.1\r\nHost: r1.azurecr.io:443\r\n\r\nearly".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(s.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 200 ");
        out.write("-late".getBytes(StandardCharsets.US_ASCII));
        s.shutdownOutput();
        assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("early-late");
      }
    }
  }

  @Test
  void aTargetTheRoutesRefuseIs403WithTheReason() throws Exception {
    targets.set((host, port) -> new ProxyTargets.Decision.Refuse("Isla's proxy reaches only its registries; '"
        + host + "' is not one"));
    start(quick());

    String answer = exchange("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 403 Forbidden\r\n").contains("Content-Type: text/plain")
        .endsWith("isla proxy: Isla's proxy reaches only its registries; 'example.com' is not one\n");
  }

  @Test
  void aTargetOffLoopbackIsNeverDialled() throws Exception {
    targets.set((host, port) -> new ProxyTargets.Decision.Tunnel(new InetSocketAddress("10.0.0.1", 443)));
    start(quick());

    assertThat(exchange("CONNECT r1.azurecr.io:443 HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 403 ").contains("dials loopback only");
  }

  @Test
  void malformedRequestsAre400AndOtherMethods405() throws Exception {
    targets.set((host, port) -> new ProxyTargets.Decision.Refuse("unused"));
    start(quick());

    assertThat(exchange("CONNECT r1.azurecr.io HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ")
        .contains("CONNECT needs host:port, not 'r1.azurecr.io'");
    assertThat(exchange("CONNECT r1.azurecr.io:99999 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ")
        .contains("out of range");
    assertThat(exchange("hello\r\n\r\n")).startsWith("HTTP/1.1 400 ").contains("not an HTTP/1.x request line");
    assertThat(exchange("GET http://r1.azurecr.io/v2/ HTTP/1.1\r\nHost: r1.azurecr.io\r\n\r\n"))
        .startsWith("HTTP/1.1 405 ").contains("only tunnels");
  }

  @Test
  void anOversizedOrSlowHeadIs400() throws Exception {
    targets.set((host, port) -> new ProxyTargets.Decision.Refuse("unused"));
    start(quick());

    String huge = "CONNECT r1.azurecr.io:443 HTTP/1.1\r\nX-Big: " + "a".repeat(ConnectProxy.MAX_HEAD_BYTES) + "\r\n\r\n";
    assertThat(exchange(huge)).startsWith("HTTP/1.1 400 ").contains("over " + ConnectProxy.MAX_HEAD_BYTES + " bytes");
    try (Socket s = connect()) {
      s.getOutputStream().write("CONNECT r1.azurecr.io:443 HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .startsWith("HTTP/1.1 400 ").contains("did not arrive within");
    }
  }

  @Test
  void aDeadTargetIs502() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      dead = s.getLocalPort();
    }
    targets.set((host, port) -> new ProxyTargets.Decision.Tunnel(new InetSocketAddress("127.0.0.1", dead)));
    start(quick());

    assertThat(exchange("CONNECT r1.azurecr.io:443 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 502 ")
        .contains("r1.azurecr.io:443 is served by Isla but its listener did not answer");
  }

  @Test
  void connectionsBeyondTheBoundAre503() throws Exception {
    targets.set((host, port) -> new ProxyTargets.Decision.Refuse("unused"));
    start(new ConnectProxy.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2), 1));
    try (Socket holding = connect()) {
      holding.getOutputStream().write("CONNECT r1".getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(200);

      assertThat(exchange("CONNECT r1.azurecr.io:443 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 503 ")
          .contains("1 connections open");
    }
  }

  @Test
  void itListensOnLoopbackOnly() {
    targets.set((host, port) -> new ProxyTargets.Decision.Refuse("unused"));
    assertThat(start(quick()).address().getAddress().isLoopbackAddress()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConnectProxy("0.0.0.0", 0, targets.get(), quick()))
        .hasMessageContaining("loopback only");
  }

  private Socket connect() throws Exception {
    Socket s = new Socket();
    s.connect(proxy.address(), 2000);
    s.setSoTimeout(5000);
    return s;
  }

  private String exchange(String request) throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

}
