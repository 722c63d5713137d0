package dev.isla.identity.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Issues Azure AD v1-style app-only access tokens (the shape Azure AD issues for ARM, ACR and
 * managed identities, whichever endpoint was asked): {@code aud} = the resource as requested,
 * {@code iss = idp = https://sts.windows.net/<tid>/}, {@code iat/nbf/exp}, {@code appid},
 * {@code appidacr}, {@code idtyp: app}, {@code oid = sub}, {@code tid}, {@code uti},
 * {@code ver: 1.0}, and {@code xms_mirid} for managed identities.
 */
public final class TokenIssuer {

  /** Lifetime of tokens from the login endpoints (Azure AD: 60-90 minutes). */
  public static final Duration LOGIN_LIFETIME = Duration.ofMinutes(60);
  /** Lifetime of managed-identity tokens (IMDS: about 24 hours). */
  public static final Duration MANAGED_IDENTITY_LIFETIME = Duration.ofHours(24);

  private final SigningKey key;
  private final Clock clock;

  public TokenIssuer(SigningKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /** The issuer claim of tokens for {@code tenantId}. */
  public static String issuerFor(String tenantId) {
    return "https://sts.windows.net/" + tenantId + "/";
  }

  /**
   * Signs a token for {@code subject} and {@code audience}, valid {@code lifetime} from now.
   * {@code credentialKind} is {@code appidacr}: {@code "1"} client secret, {@code "2"}
   * certificate or managed identity.
   */
  public IssuedToken issue(TokenSubject subject, String audience, Duration lifetime,
      String credentialKind) {
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    Instant expires = now.plus(lifetime);
    String issuer = issuerFor(subject.tenantId());
    ObjectNode claims = Json.object()
        .put("aud", audience).put("iss", issuer)
        .put("iat", now.getEpochSecond()).put("nbf", now.getEpochSecond())
        .put("exp", expires.getEpochSecond())
        .put("appid", subject.appId()).put("appidacr", credentialKind)
        .put("idp", issuer).put("idtyp", "app")
        .put("oid", subject.objectId()).put("sub", subject.objectId())
        .put("tid", subject.tenantId()).put("uti", uniqueTokenId()).put("ver", "1.0");
    subject.resourceId().ifPresent(id -> claims.put("xms_mirid", id));
    return new IssuedToken(key.sign(claims), audience, now, expires);
  }

  private static String uniqueTokenId() {
    UUID id = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }
}
