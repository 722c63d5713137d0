package dev.isla.identity.ca;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A server's private key and its chain (leaf first, then Isla's root), as a TLS listener
 * presents it. {@link #toString()} never shows the key.
 */
public record ServerCertificate(PrivateKey key, List<X509Certificate> chain, SubjectNames names) {

  public ServerCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least the leaf");
    }
  }

  /** The certificate the server presents. */
  public X509Certificate leaf() {
    return chain.getFirst();
  }

  /** When the leaf expires. */
  public Instant notAfter() {
    return leaf().getNotAfter().toInstant();
  }

  /** The key and chain under {@code alias} in a PKCS12 key store protected by {@code password}. */
  public KeyStore keyStore(String alias, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a key store: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ServerCertificate[" + names + ", notAfter=" + notAfter() + "]";
  }
}
