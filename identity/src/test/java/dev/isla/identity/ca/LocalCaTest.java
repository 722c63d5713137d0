package dev.isla.identity.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {

  @TempDir Path data;

  @Test
  void createsTheCaOnceAndReusesIt() throws Exception {
    LocalCa first = LocalCa.open(data, Clock.systemUTC(), Optional.empty());
    LocalCa second = LocalCa.open(data, Clock.systemUTC(), Optional.empty());

    assertThat(second.certificate()).isEqualTo(first.certificate());
    X509Certificate ca = first.certificate();
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
        .isGreaterThan(Duration.ofDays(3650));
    ca.verify(ca.getPublicKey());
  }

  @Test
  void keepsKeysAndExportsOwnerOnly() throws Exception {
    LocalCa ca = LocalCa.open(data, Clock.systemUTC(), Optional.empty());

    assertThat(Files.getPosixFilePermissions(ca.folder()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    for (String file : List.of("root.key", "root.pem", "isla-ca.pem", "isla-truststore.p12")) {
      assertThat(Files.getPosixFilePermissions(ca.folder().resolve(file))).as(file)
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    assertThat(Files.readString(ca.folder().resolve("root.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(ca.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void chainsValidateWithTheJdksPkixForEverySan() throws Exception {
    LocalCa ca = LocalCa.open(data, Clock.systemUTC(), Optional.empty());
    ServerCertificate server = ca.issue(
        SubjectNames.of("*.azurecr.io", "*.eastus.data.azurecr.io", "localhost", "127.0.0.1"),
        Duration.ofDays(90));

    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(server.leaf())), params);
    trustManager(ca).checkServerTrusted(server.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
    assertThat(server.leaf().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    assertThat(server.leaf().getSubjectAlternativeNames()).extracting(l -> (Object) l.get(1)).containsExactlyInAnyOrder(
        "*.azurecr.io", "*.eastus.data.azurecr.io", "localhost", "127.0.0.1");
  }

  @Test
  void truststoreAndBundleHoldTheSystemCasAndIslas(@TempDir Path other) throws Exception {
    LocalCa foreign = LocalCa.open(other, Clock.systemUTC(), Optional.empty());
    Path systemBundle = other.resolve("system.pem");
    Files.writeString(systemBundle, Pem.certificates(List.of(foreign.certificate())));

    LocalCa ca = LocalCa.open(data, Clock.systemUTC(), Optional.of(systemBundle));

    assertThat(Pem.readCertificates(Files.readString(ca.bundle())))
        .containsExactly(foreign.certificate(), ca.certificate());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ca.truststore())) {
      store.load(in, LocalCa.TRUSTSTORE_PASSWORD.toCharArray());
    }
    assertThat(store.getCertificate("isla-local-ca")).isEqualTo(ca.certificate());
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void refusesACertificateWithoutItsKey() throws Exception {
    LocalCa.open(data, Clock.systemUTC(), Optional.empty());
    Files.delete(data.resolve("ca/root.key"));

    assertThatThrownBy(() -> LocalCa.open(data, Clock.systemUTC(), Optional.empty()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no key beside it");
  }

  @Test
  void refusesAKeyThatIsNotTheCertificates(@TempDir Path other) throws Exception {
    LocalCa.open(data, Clock.systemUTC(), Optional.empty());
    LocalCa.open(other, Clock.systemUTC(), Optional.empty());
    Files.copy(other.resolve("ca/root.key"), data.resolve("ca/root.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> LocalCa.open(data, Clock.systemUTC(), Optional.empty()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not the key");
  }

  static X509TrustManager trustManager(LocalCa ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ca.truststore())) {
      store.load(in, LocalCa.TRUSTSTORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }
}
