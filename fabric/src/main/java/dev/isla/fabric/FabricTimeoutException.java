package dev.isla.fabric;

import java.net.SocketTimeoutException;

/** Nothing answered within the timeout: the network dropped the attempt. */
public final class FabricTimeoutException extends SocketTimeoutException
    implements RefusedByFabric {

  private final transient Refusal refusal;

  FabricTimeoutException(Refusal refusal) {
    super("Connect timed out: " + refusal.reason());
    this.refusal = refusal;
  }

  @Override
  public Refusal refusal() {
    return refusal;
  }
}
