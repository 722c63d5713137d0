package dev.isla.arm;

import java.util.List;
import java.util.Optional;

/**
 * An ARM error to answer with. Thrown anywhere in a provider; the server's edge maps it to the
 * wire body ({@link ErrorFormat}) and status, so no handler builds error bodies by hand.
 */
public final class ArmException extends RuntimeException {

  private final ArmErrorCode code;
  private final String wireCode;
  private final int status;
  private final Optional<String> target;
  private final List<ArmError> details;

  private ArmException(ArmErrorCode code, String wireCode, int status, String message,
      Optional<String> target, List<ArmError> details) {
    super(message, null, false, false);
    this.code = code;
    this.wireCode = wireCode;
    this.status = status;
    this.target = target;
    this.details = List.copyOf(details);
  }

  /** An error with the code's message template filled with {@code args}. */
  public static ArmException of(ArmErrorCode code, Object... args) {
    return new ArmException(code, code.code(), code.status(), code.format(args), Optional.empty(),
        List.of());
  }

  /**
   * Re-raises an error recorded earlier (e.g. a failed operation's), keeping its wire code;
   * {@link #code()} is then {@code fallback}, which also gives the status when none is known.
   */
  public static ArmException replay(ArmError error, ArmErrorCode fallback, int status) {
    return new ArmException(fallback, error.code(), status, error.message(), error.target(),
        error.details());
  }

  /** The same error with a {@code target} (the offending property or resource). */
  public ArmException target(String newTarget) {
    return new ArmException(code, wireCode, status, getMessage(), Optional.of(newTarget), details);
  }

  /** The same error with nested details. */
  public ArmException details(List<ArmError> newDetails) {
    return new ArmException(code, wireCode, status, getMessage(), target, newDetails);
  }

  public ArmErrorCode code() {
    return code;
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }

  public Optional<String> target() {
    return target;
  }

  public List<ArmError> details() {
    return details;
  }

  /** This error as a value, e.g. for an operation status resource. */
  public ArmError toError() {
    return new ArmError(wireCode, getMessage(), target, details);
  }
}
