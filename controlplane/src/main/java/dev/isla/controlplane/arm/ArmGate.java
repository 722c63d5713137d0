package dev.isla.controlplane.arm;

import java.util.Optional;

/**
 * Port: the credential check every ARM request passes before it is routed — the one place
 * where ARM authenticates callers (the launcher plugs in a bearer-token check). Implementations
 * refuse with an {@link dev.isla.arm.ArmException} of status 401, whose message the server also
 * puts in the {@code WWW-Authenticate} challenge. Thread-safe.
 */
@FunctionalInterface
public interface ArmGate {

  /**
   * Admits {@code request} or throws.
   *
   * @param secure whether it came over the TLS listener (where a token is always required)
   * @return who is calling, when known (ARM records it in {@code systemData})
   */
  Optional<Caller> admit(ArmRequest request, boolean secure);

  /** Admits every request, callers unknown: in-process tests and instances without identity. */
  static ArmGate open() {
    return (request, secure) -> Optional.empty();
  }
}
