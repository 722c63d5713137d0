package dev.isla.cli.arm;

import dev.isla.arm.ArmError;
import dev.isla.cli.CliException;

/**
 * An error answered by the ARM endpoint (or reported by a failed long-running operation),
 * rendered as az renders service errors: {@code (Code) Message}, then {@code Code:} and
 * {@code Message:} lines. HTTP 404 exits with 3, as az's ResourceNotFoundError does.
 */
public final class ArmCallException extends CliException {

  private final ArmError error;
  private final int status;

  public ArmCallException(ArmError error, int status) {
    super(format(error), status == 404 ? 3 : 1);
    this.error = error;
    this.status = status;
  }

  public ArmError error() {
    return error;
  }

  public int status() {
    return status;
  }

  private static String format(ArmError error) {
    StringBuilder text = new StringBuilder("(").append(error.code()).append(") ")
        .append(error.message())
        .append("\nCode: ").append(error.code())
        .append("\nMessage: ").append(error.message());
    error.target().ifPresent(t -> text.append("\nTarget: ").append(t));
    for (ArmError detail : error.details()) {
      text.append("\nException Details:\t(").append(detail.code()).append(") ")
          .append(detail.message())
          .append("\n\tCode: ").append(detail.code())
          .append("\n\tMessage: ").append(detail.message());
    }
    return text.toString();
  }
}
