package dev.isla.identity.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/** Compact JWS with RS256 (RFC 7515/7518), the only algorithm Isla signs or accepts. */
final class Jws {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Jws() {}

  static String sign(PrivateKey key, String keyId, ObjectNode claims) {
    ObjectNode header = Json.object().put("typ", "JWT").put("alg", "RS256").put("kid", keyId);
    String input = encode(header) + "." + encode(claims);
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + ENCODER.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  /**
   * Checks the signature of {@code compact} against the key its {@code kid} names and returns the
   * claims.
   *
   * @throws TokenRejectedException {@code MALFORMED} or {@code BAD_SIGNATURE}
   */
  static ObjectNode verify(String compact, Map<String, PublicKey> keysById) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED,
          "a JWT has three dot-separated parts");
    }
    JsonNode header = decodeObject(parts[0], "header");
    ObjectNode claims = decodeObject(parts[1], "payload");
    if (!"RS256".equals(header.path("alg").asText())) {
      throw new TokenRejectedException(TokenRejectedException.Reason.BAD_SIGNATURE,
          "the token is signed with '" + header.path("alg").asText() + "', not RS256");
    }
    PublicKey key = keysById.get(header.path("kid").asText());
    if (key == null || !valid(key, parts)) {
      throw new TokenRejectedException(TokenRejectedException.Reason.BAD_SIGNATURE,
          "the token's signature was not made by an Isla signing key");
    }
    return claims;
  }

  /** The claims of {@code compact} without any check, for diagnostics only. */
  static ObjectNode peek(String compact) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED,
          "a JWT has three dot-separated parts");
    }
    return decodeObject(parts[1], "payload");
  }

  private static boolean valid(PublicKey key, String[] parts) {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static ObjectNode decodeObject(String part, String what) {
    try {
      JsonNode node = Json.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the typed failure below
    }
    throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED,
        "the token's " + what + " is not base64url-encoded JSON");
  }

  private static String encode(JsonNode node) {
    return ENCODER.encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
  }
}
