package dev.isla.fabric;

/**
 * Implemented by the exceptions {@link Fabric#connect} throws when it does not let a connection
 * through, so a caller that catches {@link java.io.IOException} can name the policy that refused.
 */
public interface RefusedByFabric {

  /** The refusal, as also kept in {@link Fabric#refusals()}. */
  Refusal refusal();
}
