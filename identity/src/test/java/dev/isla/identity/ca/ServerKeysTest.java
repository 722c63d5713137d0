package dev.isla.identity.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeysTest {

  @TempDir Path data;

  @Test
  void oneListenerServesEveryNameWithHostnameVerification() throws Exception {
    LocalCa ca = LocalCa.open(data, Clock.systemUTC(), Optional.empty());
    ServerKeys keys = new ServerKeys(ca, SubjectNames.of("localhost", "127.0.0.1"), Clock.systemUTC());
    keys.addNames(SubjectNames.of("*.azurecr.io"));

    try (SSLServerSocket server = listen(keys)) {
      for (String host : List.of("localhost", "myacr.azurecr.io", "other.azurecr.io")) {
        handshake(ca, server, host);
      }
      assertThatThrownBy(() -> handshake(ca, server, "myacr.westus.data.azurecr.io"))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void addingCoveredNamesKeepsTheCertificate() throws Exception {
    LocalCa ca = LocalCa.open(data, Clock.systemUTC(), Optional.empty());
    ServerKeys keys = new ServerKeys(ca, SubjectNames.of("*.azurecr.io"), Clock.systemUTC());
    ServerCertificate before = keys.current();

    keys.addNames(SubjectNames.of("*.azurecr.io"));
    assertThat(keys.current()).isSameAs(before);

    keys.addNames(SubjectNames.of("login.isla.local"));
    assertThat(keys.current()).isNotSameAs(before);
    assertThat(keys.names().dnsNames()).containsExactly("*.azurecr.io", "login.isla.local");
  }

  @Test
  void renewsBeforeExpiry() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    LocalCa ca = LocalCa.open(data, clock, Optional.empty());
    ServerKeys keys = new ServerKeys(ca, SubjectNames.of("localhost"), clock);
    ServerCertificate first = keys.current();

    now.set(now.get().plus(ServerKeys.VALIDITY.minus(ServerKeys.RENEW_BEFORE).minus(Duration.ofDays(1))));
    assertThat(keys.current()).isSameAs(first);
    now.set(now.get().plus(Duration.ofDays(2)));
    assertThat(keys.current()).isNotSameAs(first);
    assertThat(keys.current().notAfter()).isAfter(first.notAfter());
  }

  private static SSLServerSocket listen(ServerKeys keys) throws IOException {
    SSLServerSocket server = (SSLServerSocket) keys.sslContext().getServerSocketFactory()
        .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.startHandshake();
          s.getOutputStream().write(1);
        } catch (IOException ignored) {
          // the client refused the certificate, or the test closed the listener
        }
      }
    });
    return server;
  }

  private static void handshake(LocalCa ca, SSLServerSocket server, String host) throws Exception {
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, new TrustManager[] {LocalCaTest.trustManager(ca)}, null);
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        SSLSocket tls = (SSLSocket) client.getSocketFactory()
            .createSocket(plain, host, server.getLocalPort(), true)) {
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setServerNames(List.of(new SNIHostName(host)));
      tls.setSSLParameters(params);
      tls.startHandshake();
      assertThat(tls.getInputStream().read()).isEqualTo(1);
    }
  }
}
