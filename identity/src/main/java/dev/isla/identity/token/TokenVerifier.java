package dev.isla.identity.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks Isla-issued access tokens for the control plane (ARM's 401) and the registry
 * ({@code /oauth2/exchange}). Order of checks: shape, signature (RS256 by a known key), issuer
 * ({@code https://sts.windows.net/<tid>/}), times (with {@link #CLOCK_SKEW} tolerance), audience.
 * Audiences compare case-insensitively and ignore one trailing {@code /}, since clients ask for
 * {@code https://management.azure.com/} and {@code https://management.azure.com} alike.
 */
public final class TokenVerifier {

  /** Tolerance for clocks that differ slightly (Azure AD libraries use five minutes). */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final Map<String, PublicKey> keys;
  private final Clock clock;

  /** Trusts tokens signed by any of {@code keys}. */
  public TokenVerifier(Collection<SigningKey> keys, Clock clock) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    keys.forEach(k -> byId.put(k.keyId(), k.publicKey()));
    this.keys = Map.copyOf(byId);
    this.clock = clock;
  }

  /** Trusts tokens signed by {@code key}. */
  public TokenVerifier(SigningKey key, Clock clock) {
    this(List.of(key), clock);
  }

  /**
   * The claims of {@code jwt} when it is valid now for one of {@code expectedAudiences}.
   *
   * @throws TokenRejectedException with the first reason the token fails
   */
  public TokenClaims verify(String jwt, Set<String> expectedAudiences) {
    ObjectNode raw = Jws.verify(jwt, keys);
    TokenClaims claims = TokenClaims.from(raw);
    if (!claims.issuer().equals(TokenIssuer.issuerFor(claims.tenantId()))) {
      throw new TokenRejectedException(TokenRejectedException.Reason.WRONG_ISSUER,
          "the token's issuer '" + claims.issuer() + "' is not its tenant's");
    }
    checkTimes(claims.notBefore(), claims.expiresOn());
    Set<String> accepted = expectedAudiences.stream().map(TokenVerifier::normalize)
        .collect(Collectors.toSet());
    if (!accepted.contains(normalize(claims.audience()))) {
      throw new TokenRejectedException(TokenRejectedException.Reason.WRONG_AUDIENCE,
          "the token was obtained for the audience '" + claims.audience()
              + "'; accepted here: " + String.join(", ", expectedAudiences));
    }
    return claims;
  }

  /**
   * The claims of another kind of token signed by the same keys (ACR's refresh and access tokens),
   * when its signature, {@code iss}, {@code aud} (exact) and times are valid.
   *
   * @throws TokenRejectedException with the first reason the token fails
   */
  public ObjectNode verifyOther(String jwt, String issuer, String audience) {
    ObjectNode raw = Jws.verify(jwt, keys);
    if (!issuer.equals(raw.path("iss").asText())) {
      throw new TokenRejectedException(TokenRejectedException.Reason.WRONG_ISSUER,
          "the token was not issued by '" + issuer + "'");
    }
    checkTimes(TokenClaims.time(raw, "nbf"), TokenClaims.time(raw, "exp"));
    if (!audience.equalsIgnoreCase(raw.path("aud").asText())) {
      throw new TokenRejectedException(TokenRejectedException.Reason.WRONG_AUDIENCE,
          "the token was issued for '" + raw.path("aud").asText() + "', not '" + audience + "'");
    }
    return raw;
  }

  private void checkTimes(Instant notBefore, Instant expiresOn) {
    Instant now = clock.instant();
    if (now.isAfter(expiresOn.plus(CLOCK_SKEW))) {
      throw new TokenRejectedException(TokenRejectedException.Reason.EXPIRED,
          "the token expired at " + expiresOn + " (now " + now + ")");
    }
    if (now.isBefore(notBefore.minus(CLOCK_SKEW))) {
      throw new TokenRejectedException(TokenRejectedException.Reason.NOT_YET_VALID,
          "the token is not valid before " + notBefore + " (now " + now + ")");
    }
  }

  /** {@code https://Host/} and {@code https://host} name the same audience. */
  public static String normalize(String audience) {
    String a = audience.toLowerCase(Locale.ROOT);
    return a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
  }
}
