package dev.isla.identity.ca;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 construction with the extensions strict verifiers (OpenSSL 3 in strict mode, Go's
 * crypto/x509, the JDK's PKIX) require: key identifiers, critical basic constraints and key
 * usage, and on leaves the {@code serverAuth} extended key usage and the SANs.
 */
final class Certificates {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Backdating absorbs small clock differences between Isla and its clients. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private final Clock clock;

  Certificates(Clock clock) {
    this.clock = clock;
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is unavailable in this JDK", e);
    }
  }

  X509Certificate selfSigned(KeyPair pair, String commonName, Duration validity) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "Isla").addRDN(BCStyle.CN, commonName).build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = builder(name, name, pair.getPublic(), validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ext.createSubjectKeyIdentifier(pair.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(pair.getPublic()));
      return sign(builder, pair.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create the CA certificate", e);
    }
  }

  X509Certificate server(PublicKey subjectKey, SubjectNames names, Duration validity,
      X509Certificate issuer, PrivateKey issuerKey) {
    String cn = names.dnsNames().isEmpty() ? names.ipAddresses().getFirst() : names.dnsNames().getFirst();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "Isla").addRDN(BCStyle.CN, cn).build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = builder(
          X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), subject, subjectKey,
          validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, generalNames(names))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ext.createSubjectKeyIdentifier(subjectKey))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(issuer));
      return sign(builder, issuerKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + names, e);
    }
  }

  /** Refuses a key that does not belong to {@code certificate}. */
  static void requireMatch(PrivateKey key, X509Certificate certificate, Path keyFile) {
    try {
      byte[] probe = new byte[32];
      RANDOM.nextBytes(probe);
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException(keyFile + " is not the key of the CA certificate beside it");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(keyFile + " is not a usable EC key: " + e.getMessage(), e);
    }
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
      Duration validity) {
    Instant now = clock.instant();
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(159, RANDOM).add(BigInteger.ONE),
        Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, key);
  }

  private static GeneralNames generalNames(SubjectNames names) {
    List<GeneralName> out = new ArrayList<>();
    names.dnsNames().forEach(n -> out.add(new GeneralName(GeneralName.dNSName, n)));
    names.ipAddresses().forEach(n -> out.add(new GeneralName(GeneralName.iPAddress, n)));
    return new GeneralNames(out.toArray(new GeneralName[0]));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
