package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The answer to a POST action.
 *
 * @param status HTTP status when the action completes at once (200, 204)
 * @param body body when it completes at once
 * @param step when present the action is long-running: 202 with {@code Location} and
 *     {@code Azure-AsyncOperation}, finished by the provider's {@link ResourceProvider#finish}
 *     whose return value is the operation's result
 * @param background when true, {@code step} runs without being exposed as an operation
 *     (e.g. a feature moving from Registering to Registered) and the action answers at once
 */
public record ActionResult(int status, Optional<JsonNode> body, Optional<Step> step, boolean background) {

  public static ActionResult ok(JsonNode body) {
    return new ActionResult(200, Optional.of(body), Optional.empty(), false);
  }

  public static ActionResult noContent() {
    return new ActionResult(204, Optional.empty(), Optional.empty(), false);
  }

  public static ActionResult accepted(Step step) {
    return new ActionResult(202, Optional.empty(), Optional.of(step), false);
  }

  /** Answer {@code body} now and run {@code step} in the background. */
  public static ActionResult okThen(JsonNode body, Step step) {
    return new ActionResult(200, Optional.of(body), Optional.of(step), true);
  }
}
