package dev.isla.cli.arm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ArmError;
import dev.isla.cli.CliException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Follows an ARM long-running operation to its end, as az (azure-core's ARM polling) does:
 * the {@code Azure-AsyncOperation} status resource first, else the {@code Location} header,
 * else the resource's own {@code provisioningState}. {@code Retry-After} is honoured within
 * [50 ms, 1 s]. A {@code Failed}/{@code Canceled} end becomes an {@link ArmCallException}.
 */
public final class LongRunningOperation {

  private static final List<String> TERMINAL = List.of("succeeded", "failed", "canceled");
  private static final long MIN_DELAY_MS = 50;
  private static final long MAX_DELAY_MS = 1000;
  private static final long DEFAULT_DELAY_MS = 250;

  private final ArmClient arm;
  private final Progress progress;

  public LongRunningOperation(ArmClient arm, Progress progress) {
    this.arm = arm;
    this.progress = progress;
  }

  /**
   * Waits for the operation {@code first} started and returns the final body: the resource for
   * PUT/PATCH (GET after the end), the action's result for POST, nothing for DELETE.
   */
  public Optional<JsonNode> await(String method, String resourcePath, HttpExchange first) {
    try {
      Optional<String> async = first.header("Azure-AsyncOperation");
      Optional<String> location = first.header("Location");
      if (async.isPresent()) {
        pollStatus(async.get(), first);
        return finalBody(method, resourcePath, location);
      }
      if (first.status() == 202 && location.isPresent()) {
        return pollLocation(location.get(), first);
      }
      Optional<JsonNode> body = ArmClient.bodyOf(first);
      if ((method.equals("PUT") || method.equals("PATCH")) && body.isPresent()
          && !isTerminal(provisioningState(body.get()))) {
        return Optional.of(pollResource(resourcePath, first));
      }
      return body;
    } finally {
      progress.clear();
    }
  }

  private Optional<JsonNode> finalBody(String method, String resourcePath,
      Optional<String> location) {
    return switch (method) {
      case "DELETE" -> Optional.empty();
      case "POST" -> location.flatMap(l -> ArmClient.bodyOf(arm.send("GET", l, Optional.empty())));
      default -> Optional.of(arm.get(resourcePath));
    };
  }

  private void pollStatus(String statusUrl, HttpExchange previous) {
    HttpExchange last = previous;
    while (true) {
      sleep(last);
      last = arm.send("GET", statusUrl, Optional.empty());
      JsonNode status = ArmClient.bodyOf(last).orElseThrow(
          () -> new CliException("The operation status resource returned no body."));
      String state = status.path("status").asText("");
      if (isTerminal(state)) {
        failIfUnsuccessful(state, status.path("error"));
        return;
      }
    }
  }

  private Optional<JsonNode> pollLocation(String locationUrl, HttpExchange previous) {
    HttpExchange last = previous;
    while (true) {
      sleep(last);
      last = arm.send("GET", locationUrl, Optional.empty());
      if (last.status() != 202) {
        return ArmClient.bodyOf(last);
      }
    }
  }

  private JsonNode pollResource(String resourcePath, HttpExchange previous) {
    HttpExchange last = previous;
    while (true) {
      sleep(last);
      last = arm.send("GET", resourcePath, Optional.empty());
      JsonNode body = ArmClient.bodyOf(last).orElseThrow(
          () -> new CliException("The resource returned no body while provisioning."));
      String state = provisioningState(body);
      if (isTerminal(state)) {
        failIfUnsuccessful(state, body.path("properties").path("error"));
        return body;
      }
    }
  }

  private static void failIfUnsuccessful(String state, JsonNode error) {
    if (state.equalsIgnoreCase("succeeded")) {
      return;
    }
    ArmError armError = ArmError.fromBody(error).orElse(new ArmError(state,
        "The operation ended in state '" + state + "'.", Optional.empty(), List.of()));
    throw new ArmCallException(armError, 200);
  }

  private static String provisioningState(JsonNode body) {
    return body.path("properties").path("provisioningState").asText("Succeeded");
  }

  private static boolean isTerminal(String state) {
    return TERMINAL.contains(state.toLowerCase(Locale.ROOT));
  }

  private void sleep(HttpExchange last) {
    progress.tick();
    long delay = last.header("Retry-After").map(LongRunningOperation::seconds)
        .orElse(DEFAULT_DELAY_MS);
    try {
      Thread.sleep(Math.clamp(delay, MIN_DELAY_MS, MAX_DELAY_MS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("Interrupted while waiting for the operation.");
    }
  }

  private static long seconds(String retryAfter) {
    try {
      return Long.parseLong(retryAfter.trim()) * 1000;
    } catch (NumberFormatException e) {
      return DEFAULT_DELAY_MS;
    }
  }
}
