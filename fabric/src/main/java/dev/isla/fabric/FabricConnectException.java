package dev.isla.fabric;

import java.net.ConnectException;

/**
 * The connection was refused (a reset, {@code ECONNREFUSED}): a host answers, nothing listens.
 */
public final class FabricConnectException extends ConnectException implements RefusedByFabric {

  private final transient Refusal refusal;

  FabricConnectException(Refusal refusal) {
    super("Connection refused: " + refusal.reason());
    this.refusal = refusal;
  }

  @Override
  public Refusal refusal() {
    return refusal;
  }
}
