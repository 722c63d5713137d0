package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.util.Objects;

/**
 * Deferred work of a long-running operation, persisted with the operation so that it resumes
 * after a restart. The provider that returned it runs it in {@link ResourceProvider#finish}.
 *
 * @param name what to do, meaningful to the provider (e.g. {@code create}, {@code reimage})
 * @param args its arguments
 */
public record Step(String name, ObjectNode args) {

  public Step {
    Objects.requireNonNull(name);
    args = args == null ? Json.object() : args.deepCopy();
  }

  public static Step of(String name) {
    return new Step(name, Json.object());
  }

  @Override
  public ObjectNode args() {
    return args.deepCopy();
  }
}
