package dev.isla.launcher.adapt;

import dev.isla.fabric.address.LogicalAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The public addresses Isla invents for the names it simulates on the internet (registry login
 * servers and data endpoints, API servers, the MCR stand-in): a hash of the lower-cased name
 * into {@code 20.64.0.0/10}, the range Azure's public services draw from. Deterministic, so the
 * DNS server's answers and the fabric's routes agree without sharing state, and the same name
 * keeps its address across restarts. Collisions are possible in principle (one in about four
 * million per pair) and would only make two names share a label.
 */
public final class PublicAddresses {

  private PublicAddresses() {}

  /** The public address of {@code host}. */
  public static LogicalAddress of(String host) {
    byte[] h = sha256(host.toLowerCase(Locale.ROOT));
    int second = 64 + (h[0] & 0x3f);
    int third = h[1] & 0xff;
    int fourth = 1 + (h[2] & 0xff) % 254;
    return LogicalAddress.parse("20." + second + "." + third + "." + fourth);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
