package dev.isla.controlplane.arm;

import java.util.Objects;
import java.util.Set;

/**
 * Who sent a request, as ARM names it in a resource's {@code systemData}
 * ({@code createdBy}/{@code createdByType}, {@code lastModifiedBy}/{@code lastModifiedByType}):
 * a user's UPN, or an application's or managed identity's client id.
 *
 * @param name the UPN or client id
 * @param type {@code User}, {@code Application}, {@code ManagedIdentity} or {@code Key}
 */
public record Caller(String name, String type) {

  private static final Set<String> TYPES = Set.of("User", "Application", "ManagedIdentity", "Key");

  public Caller {
    Objects.requireNonNull(name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a caller has a name");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("caller type must be one of " + TYPES + ", got " + type);
    }
  }
}
