package dev.isla.arm;

import java.util.List;
import java.util.Optional;

/**
 * An ARM error to answer with. Thrown anywhere in a provider; the server's edge maps it to the
 * wire body ({@link ErrorFormat}) and status, so no handler builds error bodies by hand.
 */
public final class ArmException extends RuntimeException {

  private final ArmErrorCode code;
  private final Optional<String> target;
  private final List<ArmError> details;

  private ArmException(ArmErrorCode code, String message, Optional<String> target,
      List<ArmError> details) {
    super(message, null, false, false);
    this.code = code;
    this.target = target;
    this.details = List.copyOf(details);
  }

  /** An error with the code's message template filled with {@code args}. */
  public static ArmException of(ArmErrorCode code, Object... args) {
    return new ArmException(code, code.format(args), Optional.empty(), List.of());
  }

  /** The same error with a {@code target} (the offending property or resource). */
  public ArmException target(String newTarget) {
    return new ArmException(code, getMessage(), Optional.of(newTarget), details);
  }

  /** The same error with nested details. */
  public ArmException details(List<ArmError> newDetails) {
    return new ArmException(code, getMessage(), target, newDetails);
  }

  public ArmErrorCode code() {
    return code;
  }

  public Optional<String> target() {
    return target;
  }

  public List<ArmError> details() {
    return details;
  }

  /** This error as a value, e.g. for an operation status resource. */
  public ArmError toError() {
    return new ArmError(code.code(), getMessage(), target, details);
  }
}
