package dev.isla.identity.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.identity.OwnerOnlyFiles;
import dev.isla.identity.ca.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key that signs Isla's tokens (RS256), one per data folder:
 * {@code <data>/identity/signing-key.pem} (PKCS#8, {@code 0600}, folder {@code 0700}), created on
 * first use. Its key id ({@code kid}) is the RFC 7638 thumbprint of its public key, so it is the
 * same after every restart and a token signed before a restart still verifies.
 */
public final class SigningKey {

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;
  private final String keyId;

  private SigningKey(RSAPrivateCrtKey privateKey) {
    this.privateKey = privateKey;
    try {
      this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
          new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is unavailable in this JDK", e);
    }
    this.keyId = thumbprint(publicKey);
  }

  /** Opens (or creates) the signing key of {@code dataFolder}. */
  public static SigningKey open(Path dataFolder) {
    Path file = OwnerOnlyFiles.folder(dataFolder.resolve("identity")).resolve("signing-key.pem");
    if (Files.exists(file)) {
      try {
        if (Pem.readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII))
            instanceof RSAPrivateCrtKey rsa) {
          return new SigningKey(rsa);
        }
        throw new IllegalStateException(file + " is not an RSA private key");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    SigningKey key = generate();
    OwnerOnlyFiles.write(file, Pem.privateKey(key.privateKey).getBytes(StandardCharsets.US_ASCII));
    return key;
  }

  /** A new 2048-bit key held in memory only. */
  public static SigningKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey((RSAPrivateCrtKey) pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is unavailable in this JDK", e);
    }
  }

  /** The {@code kid} header of every token this key signs. */
  public String keyId() {
    return keyId;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The public half as a JSON Web Key ({@code kty, use, alg, kid, n, e}). */
  public ObjectNode jwk() {
    ObjectNode jwk = Json.object();
    jwk.put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", keyId);
    jwk.put("n", base64Url(publicKey.getModulus())).put("e", base64Url(publicKey.getPublicExponent()));
    return jwk;
  }

  /** Signs {@code claims} as a compact JWS with header {@code {"typ":"JWT","alg":"RS256","kid"}}. */
  public String sign(ObjectNode claims) {
    return Jws.sign(privateKey, keyId, claims);
  }

  private static String thumbprint(RSAPublicKey key) {
    String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
        + base64Url(key.getModulus()) + "\"}";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    byte[] unsigned = java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + keyId + "]";
  }
}
