package dev.isla.controlplane.port;

/**
 * Thrown by an adapter asked for something only a real data plane can do (e.g. running a
 * command inside a cluster when no node agents are wired). The message says what is missing.
 */
public final class DataPlaneUnavailableException extends RuntimeException {

  public DataPlaneUnavailableException(String message) {
    super(message);
  }
}
