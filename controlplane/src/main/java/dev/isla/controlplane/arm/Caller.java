package dev.isla.controlplane.arm;

import java.util.Objects;

/**
 * Who made a request, as ARM records it ({@code systemData}, a role assignment's
 * {@code createdBy}): established once, by the {@link ArmGate}, from a verified token or, on
 * the loopback listener without a token, the instance's own principal.
 *
 * @param objectId the principal's object id ({@code oid}), what role assignments record
 * @param name what {@code systemData.createdBy}/{@code lastModifiedBy} show: a user's
 *     principal name, an application's or managed identity's client id ({@code appid})
 * @param type {@code systemData.createdByType}
 */
public record Caller(String objectId, String name, Type type) {

  /** ARM's {@code createdByType} values. */
  public enum Type { User, Application, ManagedIdentity, Key }

  public Caller {
    Objects.requireNonNull(type, "type");
    if (objectId == null || objectId.isBlank() || name == null || name.isBlank()) {
      throw new IllegalArgumentException("a caller needs an object id and a name");
    }
  }
}
