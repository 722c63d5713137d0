package dev.isla.registry.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code algorithm:encoded} (OCI image-spec "Digests"). Only the registered
 * algorithms {@code sha256} and {@code sha512} are accepted, with lower-case hex of the right
 * length; anything else is refused by {@link #parse} so that a digest can always be used as a
 * storage key.
 */
public record Digest(String algorithm, String hex) {

  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    boolean valid = switch (algorithm) {
      case "sha256" -> SHA256.matcher(hex).matches();
      case "sha512" -> SHA512.matcher(hex).matches();
      default -> false;
    };
    if (!valid) {
      throw new IllegalArgumentException("invalid digest: " + algorithm + ":" + hex);
    }
  }

  /** Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}. */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("invalid digest: " + text);
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** Whether {@code text} is a syntactically valid, supported digest. */
  public static boolean isDigest(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The sha256 digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return of("sha256", bytes);
  }

  /** The digest of {@code bytes} with {@code algorithm}. */
  public static Digest of(String algorithm, byte[] bytes) {
    return new Digest(algorithm, HexFormat.of().formatHex(newHasher(algorithm).digest(bytes)));
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    return newHasher(algorithm);
  }

  /** Whether {@code hasher} (fed with content of this algorithm) produced this digest. */
  public boolean matches(MessageDigest hasher) {
    return hex.equals(HexFormat.of().formatHex(hasher.digest()));
  }

  /** A fresh hasher for {@code algorithm} ({@code sha256} or {@code sha512}). */
  public static MessageDigest newHasher(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
