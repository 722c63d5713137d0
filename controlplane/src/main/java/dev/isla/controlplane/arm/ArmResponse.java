package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the engine answers, before the edge turns it into HTTP.
 *
 * @param status HTTP status
 * @param body JSON body, if any
 * @param etag value for the {@code ETag} header
 * @param operation the long-running operation this response started or reports on
 * @param pollAgain the client should poll again ({@code Retry-After} is sent): a response that
 *     starts or reports an unfinished operation, as ARM's async-operation contract has it
 */
public record ArmResponse(int status, Optional<JsonNode> body, Optional<String> etag,
    Optional<OperationRef> operation, boolean pollAgain) {

  public ArmResponse(int status, Optional<JsonNode> body, Optional<String> etag,
      Optional<OperationRef> operation) {
    this(status, body, etag, operation, operation.isPresent());
  }

  public static ArmResponse ok(JsonNode body) {
    return new ArmResponse(200, Optional.of(body), Optional.empty(), Optional.empty());
  }

  public static ArmResponse of(int status, JsonNode body) {
    return new ArmResponse(status, Optional.of(body), Optional.empty(), Optional.empty());
  }

  public static ArmResponse empty(int status) {
    return new ArmResponse(status, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public ArmResponse withEtag(String value) {
    return new ArmResponse(status, body, Optional.of(value), operation, pollAgain);
  }

  public ArmResponse withOperation(OperationRef ref) {
    return new ArmResponse(status, body, etag, Optional.of(ref), true);
  }

  /** An operation status that is not terminal yet: the client polls again after Retry-After. */
  public ArmResponse stillRunning() {
    return new ArmResponse(status, body, etag, operation, true);
  }

  /**
   * A running operation's two URLs, relative to the ARM endpoint (without api-version).
   *
   * @param statusPath target of {@code Azure-AsyncOperation}
   * @param resultPath target of {@code Location}
   */
  public record OperationRef(String statusPath, String resultPath) {}
}
