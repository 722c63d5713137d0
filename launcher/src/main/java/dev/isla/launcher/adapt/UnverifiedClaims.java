package dev.isla.launcher.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The payload of a JWT read without verification — only to word an error about a token the
 * verifier has already refused for its audience or expiry (its signature was valid).
 */
final class UnverifiedClaims {

  private UnverifiedClaims() {}

  static JsonNode of(String jwt) {
    String[] parts = jwt.split("\\.");
    try {
      return Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return Json.object();
    }
  }
}
