package dev.isla.registry.api;

import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.oci.Digest;
import io.helidon.http.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ACR's data endpoints (research/aks-isolation.md §6.2): when a registry has them enabled, a
 * blob download asked of the login server is answered {@code 307} with a {@code Location} on
 * the registry's first data endpoint host (same scheme and port as the request), carrying a
 * short-lived signature ({@code se} expiry in epoch seconds, {@code sig} an HMAC-SHA256 over
 * registry, repository, digest and expiry with a key of this server process). The data endpoint
 * serves a request with a valid signature without asking the access policy again, as ACR's
 * signed storage links do; a wrong or expired signature is refused.
 */
final class DownloadLinks {

  /** How long a link works: enough for a client to follow it, short enough to be useless later. */
  static final Duration LIFETIME = Duration.ofMinutes(10);

  private final byte[] key;
  private final Clock clock;

  DownloadLinks(Clock clock) {
    this.key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.clock = clock;
  }

  /** The redirect for a blob GET on the login server, when the registry wants one. */
  Optional<String> redirect(Exchange exchange, Digest digest) {
    RegistryInfo registry = exchange.registry();
    String host = exchange.request().headers().first(HeaderNames.HOST).orElse("");
    if (!exchange.method().equals("GET") || registry.downloadHost().isEmpty()
        || !RegistryHttp.stripPort(host).equalsIgnoreCase(registry.loginServer())) {
      return Optional.empty();
    }
    String port = host.substring(RegistryHttp.stripPort(host).length());
    long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
    String query = exchange.request().query().rawValue();
    return Optional.of((exchange.request().isSecure() ? "https://" : "http://")
        + registry.downloadHost().orElseThrow() + port + exchange.request().path().rawPath()
        + "?" + (query.isEmpty() ? "" : query + "&") + "se=" + expiry + "&sig="
        + sign(registry, exchange.route().repository().orElseThrow().toString(), digest,
            expiry));
  }

  /**
   * Whether {@code exchange} is a blob download carrying a link signature;
   * a present signature that is wrong or expired is refused ({@code DENIED}).
   */
  boolean signed(Exchange exchange) {
    Optional<String> sig = exchange.query("sig");
    if (sig.isEmpty() || exchange.route().kind() != RegistryRoute.Kind.BLOB
        || !exchange.method().matches("GET|HEAD")) {
      return false;
    }
    long expiry;
    try {
      expiry = Long.parseLong(exchange.query("se").orElse(""));
    } catch (NumberFormatException e) {
      throw expired();
    }
    String expected = sign(exchange.registry(), exchange.route().repository().orElseThrow()
        .toString(), BlobHandler.digest(exchange.route().parameter()), expiry);
    if (clock.instant().getEpochSecond() > expiry || !MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        sig.orElseThrow().getBytes(StandardCharsets.US_ASCII))) {
      throw expired();
    }
    return true;
  }

  private static RegistryException expired() {
    return RegistryErrorCode.DENIED.exception("the download link is invalid or has expired; "
        + "ask the login server for the blob again");
  }

  private String sign(RegistryInfo registry, String repository, Digest digest, long expiry) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] text = (registry.key() + "\n" + repository + "\n" + digest + "\n" + expiry)
          .getBytes(StandardCharsets.UTF_8);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
