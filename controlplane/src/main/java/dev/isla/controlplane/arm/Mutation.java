package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a provider decided a PUT, PATCH or DELETE does.
 *
 * <p>{@link Store} writes the body now; with a step, the resource is answered with its
 * non-terminal {@code provisioningState} and an operation, and the step finishes it later.
 * {@link Delete} removes the resource now, or after its step finished.
 */
public sealed interface Mutation {

  /** Store {@code body} (the full wire resource); finish it later when {@code step} is present. */
  record Store(ObjectNode body, Optional<Step> step) implements Mutation {
    public Store {
      body = body.deepCopy();
    }
  }

  /** Delete the resource, after {@code step} when present. */
  record Delete(Optional<Step> step) implements Mutation {}

  static Mutation store(ObjectNode body) {
    return new Store(body, Optional.empty());
  }

  static Mutation storeAsync(ObjectNode body, Step step) {
    return new Store(body, Optional.of(step));
  }

  static Mutation delete() {
    return new Delete(Optional.empty());
  }

  static Mutation deleteAsync(Step step) {
    return new Delete(Optional.of(step));
  }
}
