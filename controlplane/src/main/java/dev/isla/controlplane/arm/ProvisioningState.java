package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** ARM's provisioningState conventions (research/aks-isolation.md §4.1). */
public final class ProvisioningState {

  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String CANCELED = "Canceled";

  private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled");

  private ProvisioningState() {}

  /** The state in {@code properties.provisioningState}; absent means Succeeded. */
  public static String of(JsonNode body) {
    return body.path("properties").path("provisioningState").asText(SUCCEEDED);
  }

  /** True for Succeeded, Failed and Canceled. */
  public static boolean isTerminal(String state) {
    return TERMINAL.contains(state.toLowerCase(java.util.Locale.ROOT));
  }

  /** Sets {@code properties.provisioningState}, creating {@code properties} if needed. */
  public static ObjectNode set(ObjectNode body, String state) {
    ObjectNode properties =
        body.path("properties").isObject() ? (ObjectNode) body.get("properties") : body.putObject("properties");
    properties.put("provisioningState", state);
    return body;
  }
}
