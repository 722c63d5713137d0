package dev.isla.identity.ca;

import dev.isla.identity.OwnerOnlyFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Isla's certificate authority, created once per data folder and reused ever after, so that
 * clients trust it once. Layout of {@code <data>/ca/} (folder {@code 0700}, files {@code 0600}):
 * <ul>
 *   <li>{@code root.key} — the CA's EC P-256 private key (PKCS#8 PEM); never logged;
 *   <li>{@code root.pem} — the self-signed CA certificate, valid ten years;
 *   <li>{@code isla-ca.pem} — the bundle for {@code REQUESTS_CA_BUNDLE}/{@code SSL_CERT_FILE}:
 *       the system's CAs (when the system bundle exists) followed by Isla's;
 *   <li>{@code isla-truststore.p12} — the same certificates as a PKCS12 trust store for Java
 *       clients, password {@value #TRUSTSTORE_PASSWORD};
 *   <li>{@code cert-dir/ca.crt} — Isla's CA alone in the certificate-folder layout of the
 *       containers tools ({@code skopeo --src-cert-dir}, {@code podman --cert-dir}) and of
 *       docker's {@code certs.d}.
 * </ul>
 * The bundle and the trust store are rewritten at every {@link #open}, so they follow updates of
 * the system's CAs. A folder holding a CA certificate but not its key is refused rather than
 * silently replaced, since clients that trusted the old CA would stop connecting.
 */
public final class LocalCa {

  /** Password of {@code isla-truststore.p12} (the JDK's customary one; it protects nothing secret). */
  public static final String TRUSTSTORE_PASSWORD = "changeit";

  /** Where Debian and Ubuntu keep the system's trusted CAs. */
  public static final Path DEBIAN_SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

  static final Duration CA_VALIDITY = Duration.ofDays(3653);

  private final Path folder;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Certificates certificates;

  private LocalCa(Path folder, PrivateKey key, X509Certificate certificate, Clock clock) {
    this.folder = folder;
    this.key = key;
    this.certificate = certificate;
    this.certificates = new Certificates(clock);
  }

  /** Opens (or creates) the CA of {@code dataFolder}, with the Debian system bundle if present. */
  public static LocalCa open(Path dataFolder) {
    return open(dataFolder, Clock.systemUTC(), Optional.of(DEBIAN_SYSTEM_BUNDLE));
  }

  /**
   * Opens (or creates) the CA of {@code dataFolder} and rewrites the exported bundle and trust
   * store, including the certificates of {@code systemBundle} when that file exists.
   *
   * @throws IllegalStateException when the folder holds a CA certificate without a usable key
   */
  public static LocalCa open(Path dataFolder, Clock clock, Optional<Path> systemBundle) {
    Path folder = OwnerOnlyFiles.folder(dataFolder.resolve("ca"));
    Path keyFile = folder.resolve("root.key");
    Path certFile = folder.resolve("root.pem");
    LocalCa ca = Files.exists(certFile)
        ? load(folder, keyFile, certFile, clock)
        : create(folder, keyFile, certFile, clock);
    ca.export(systemBundle.filter(Files::isRegularFile));
    return ca;
  }

  private static LocalCa create(Path folder, Path keyFile, Path certFile, Clock clock) {
    KeyPair pair = Certificates.newKeyPair();
    X509Certificate cert = new Certificates(clock).selfSigned(pair, "Isla Local CA", CA_VALIDITY);
    OwnerOnlyFiles.write(keyFile, Pem.privateKey(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
    OwnerOnlyFiles.write(certFile, Pem.certificates(List.of(cert)).getBytes(StandardCharsets.US_ASCII));
    return new LocalCa(folder, pair.getPrivate(), cert, clock);
  }

  private static LocalCa load(Path folder, Path keyFile, Path certFile, Clock clock) {
    if (!Files.exists(keyFile)) {
      throw new IllegalStateException(certFile + " has no key beside it (root.key); remove "
          + folder + " to create a new CA, then make clients trust the new one");
    }
    List<X509Certificate> certs = Pem.readCertificates(read(certFile));
    if (certs.size() != 1) {
      throw new IllegalStateException(certFile + " must hold exactly one certificate");
    }
    PrivateKey key = Pem.readPrivateKey(read(keyFile));
    Certificates.requireMatch(key, certs.getFirst(), keyFile);
    return new LocalCa(folder, key, certs.getFirst(), clock);
  }

  /** The CA certificate clients must trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** {@code <data>/ca}. */
  public Path folder() {
    return folder;
  }

  /** The CA certificate alone, PEM ({@code root.pem}). */
  public Path rootPem() {
    return folder.resolve("root.pem");
  }

  /** System CAs plus Isla's, PEM ({@code isla-ca.pem}), for {@code REQUESTS_CA_BUNDLE}. */
  public Path bundle() {
    return folder.resolve("isla-ca.pem");
  }

  /** A folder holding Isla's CA alone as {@code ca.crt} ({@code cert-dir}). */
  public Path certDir() {
    return folder.resolve("cert-dir");
  }

  /** The same trust as {@link #bundle()} in PKCS12 ({@code isla-truststore.p12}). */
  public Path truststore() {
    return folder.resolve("isla-truststore.p12");
  }

  /**
   * Issues a server certificate for {@code names}, valid {@code validity} from now, signed by
   * this CA, with a fresh EC P-256 key.
   */
  public ServerCertificate issue(SubjectNames names, Duration validity) {
    KeyPair pair = Certificates.newKeyPair();
    X509Certificate leaf = certificates.server(pair.getPublic(), names, validity, certificate, key);
    return new ServerCertificate(pair.getPrivate(), List.of(leaf, certificate), names);
  }

  private void export(Optional<Path> systemBundle) {
    List<X509Certificate> trusted = new ArrayList<>();
    StringBuilder pem = new StringBuilder();
    systemBundle.ifPresent(file -> {
      String text = read(file);
      pem.append(text.endsWith("\n") ? text : text + "\n");
      trusted.addAll(Pem.readCertificates(text));
    });
    pem.append(Pem.certificates(List.of(certificate)));
    trusted.add(certificate);
    OwnerOnlyFiles.write(bundle(), pem.toString().getBytes(StandardCharsets.ISO_8859_1));
    OwnerOnlyFiles.write(truststore(), truststoreBytes(trusted));
    OwnerOnlyFiles.write(OwnerOnlyFiles.folder(certDir()).resolve("ca.crt"),
        Pem.certificates(List.of(certificate)).getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] truststoreBytes(List<X509Certificate> trusted) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("isla-local-ca", certificate);
      for (int i = 0; i < trusted.size() - 1; i++) {
        store.setCertificateEntry("system-" + i, trusted.get(i));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, TRUSTSTORE_PASSWORD.toCharArray());
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot write the trust store: " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public String toString() {
    return "LocalCa[" + certificate.getSubjectX500Principal().getName() + " in " + folder + "]";
  }
}
