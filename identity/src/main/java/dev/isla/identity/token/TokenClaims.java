package dev.isla.identity.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The verified claims of an Azure AD-style access token, as the control plane and the registry
 * read them. {@code raw} holds every claim, for what has no accessor.
 */
public record TokenClaims(String audience, String issuer, String objectId, String tenantId,
    String appId, String identityType, Instant issuedAt, Instant notBefore, Instant expiresOn,
    Optional<String> managedIdentityResourceId, ObjectNode raw) {

  public TokenClaims {
    raw = raw.deepCopy();
  }

  @Override
  public ObjectNode raw() {
    return raw.deepCopy();
  }

  static TokenClaims from(ObjectNode claims) {
    return new TokenClaims(text(claims, "aud"), text(claims, "iss"), text(claims, "oid"),
        text(claims, "tid"), text(claims, "appid"), text(claims, "idtyp"), time(claims, "iat"),
        time(claims, "nbf"), time(claims, "exp"),
        Optional.ofNullable(claims.get("xms_mirid")).map(n -> n.asText()), claims);
  }

  static String text(ObjectNode claims, String name) {
    if (!claims.path(name).isTextual() || claims.get(name).asText().isEmpty()) {
      throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED,
          "the token has no '" + name + "' claim");
    }
    return claims.get(name).asText();
  }

  static Instant time(ObjectNode claims, String name) {
    if (!claims.path(name).canConvertToLong()) {
      throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED,
          "the token has no numeric '" + name + "' claim");
    }
    return Instant.ofEpochSecond(claims.get(name).asLong());
  }
}
