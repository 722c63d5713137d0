package dev.isla.identity.ca;

import io.helidon.common.tls.Tls;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key material of one TLS listener that serves many host names (ARM, login, every
 * {@code <registry>.azurecr.io} …). Choice: one certificate whose SANs cover every name (wildcards
 * such as {@code *.azurecr.io} keep the list short), reissued when names are added and
 * {@link #RENEW_BEFORE} before it expires. The {@link SSLContext} asks for the current
 * certificate at every handshake, so reissuing never restarts the listener, and every SNI name
 * a client sends is answered by the same certificate — per-name certificates would only add
 * issuance on the handshake path for no client-visible gain.
 *
 * <p>Thread-safe.
 */
public final class ServerKeys {

  /** Lifetime of each issued server certificate. */
  public static final Duration VALIDITY = Duration.ofDays(90);
  /** A certificate this close to expiry is replaced at the next handshake. */
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final LocalCa ca;
  private final Clock clock;
  /** Recent certificates by alias, so a handshake that began before a reissue still finishes. */
  private final Map<String, ServerCertificate> recent = new LinkedHashMap<>();
  private ServerCertificate current;
  private String currentAlias;
  private long generation;

  /** Issues the first certificate for {@code names}. */
  public ServerKeys(LocalCa ca, SubjectNames names, Clock clock) {
    this.ca = ca;
    this.clock = clock;
    reissue(names);
  }

  /** Makes the listener's certificate cover {@code more} too (reissues only when needed). */
  public synchronized void addNames(SubjectNames more) {
    if (!current.names().containsAll(more)) {
      reissue(current.names().union(more));
    }
  }

  /** The names the current certificate covers. */
  public synchronized SubjectNames names() {
    return current.names();
  }

  /** The certificate served now, renewed first when it is close to expiry. */
  public synchronized ServerCertificate current() {
    renewIfDue();
    return current;
  }

  /** A TLS context (TLS 1.2 and 1.3) presenting {@link #current()}. */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new DynamicKeyManager()}, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context", e);
    }
  }

  /** The same, as Helidon's listener configuration takes it ({@code ListenerConfig.tls(...)}). */
  public Tls tls() {
    return Tls.builder().sslContext(sslContext()).build();
  }

  private void renewIfDue() {
    if (clock.instant().isAfter(current.notAfter().minus(RENEW_BEFORE))) {
      reissue(current.names());
    }
  }

  private void reissue(SubjectNames names) {
    current = ca.issue(names, VALIDITY);
    currentAlias = "isla-" + (++generation);
    recent.put(currentAlias, current);
    while (recent.size() > 4) {
      recent.remove(recent.keySet().iterator().next());
    }
  }

  private synchronized String chooseAlias(String keyType) {
    renewIfDue();
    return keyType != null && keyType.startsWith(current.key().getAlgorithm()) ? currentAlias : null;
  }

  private synchronized ServerCertificate byAlias(String alias) {
    return recent.get(alias);
  }

  private final class DynamicKeyManager extends X509ExtendedKeyManager {

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return chooseAlias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return chooseAlias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      String alias = chooseAlias(keyType);
      return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      ServerCertificate c = byAlias(alias);
      return c == null ? null : c.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      ServerCertificate c = byAlias(alias);
      return c == null ? null : c.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
