package dev.isla.identity.token;

import java.time.Duration;
import java.time.Instant;

/** A signed access token and the times clients report ({@code expires_in}, {@code expires_on}). */
public record IssuedToken(String accessToken, String audience, Instant issuedAt, Instant expiresOn) {

  /** Whole seconds from issue to expiry. */
  public long expiresInSeconds() {
    return Duration.between(issuedAt, expiresOn).toSeconds();
  }

  @Override
  public String toString() {
    return "IssuedToken[aud=" + audience + ", expiresOn=" + expiresOn + "]";
  }
}
