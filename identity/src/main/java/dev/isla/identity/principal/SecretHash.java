package dev.isla.identity.principal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A client secret as it is stored: PBKDF2-HMAC-SHA256 with a random salt, in the text form
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. The secret itself is never kept, and
 * {@link #toString()} shows only the algorithm.
 */
public record SecretHash(int iterations, byte[] salt, byte[] hash) {

  /** Iterations for new hashes (OWASP 2023 guidance for PBKDF2-HMAC-SHA256 is 600 000). */
  public static final int ITERATIONS = 600_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  public SecretHash {
    if (iterations < 1 || salt.length < 8 || hash.length != 32) {
      throw new IllegalArgumentException("not a PBKDF2-HMAC-SHA256 secret hash");
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  /** Hashes {@code secret} with a fresh salt. */
  public static SecretHash of(String secret) {
    return of(secret, ITERATIONS);
  }

  /** Hashes {@code secret} with a fresh salt and {@code iterations} (tests use fewer). */
  public static SecretHash of(String secret, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new SecretHash(iterations, salt, derive(secret, salt, iterations));
  }

  /**
   * Reads the text form written by {@link #text()}.
   *
   * @throws IllegalArgumentException when {@code text} is not in that form
   */
  public static SecretHash parse(String text) {
    String[] parts = text.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException("not a " + PREFIX + " secret hash");
    }
    try {
      return new SecretHash(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
          Base64.getDecoder().decode(parts[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a " + PREFIX + " secret hash", e);
    }
  }

  /** The text form, safe to persist. */
  public String text() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** Whether {@code secret} is the hashed secret (constant-time comparison). */
  public boolean matches(String secret) {
    return MessageDigest.isEqual(hash, derive(secret, salt, iterations));
  }

  private static byte[] derive(String secret, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretHash other && other.text().equals(text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return "SecretHash[" + PREFIX + "]";
  }
}
