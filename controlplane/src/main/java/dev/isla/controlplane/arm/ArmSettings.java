package dev.isla.controlplane.arm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Tunables of the control plane. Timings are short by default so scripts run fast; tests and
 * users can lengthen them to watch intermediate states ({@code Registering}, {@code Creating}).
 *
 * @param subscriptionId the one subscription this cloud serves
 * @param subscriptionName its display name
 * @param tenantId the tenant that owns it
 * @param locations regions resources may be created in, e.g. {@code eastus}
 * @param operationDelay how long a long-running operation stays non-terminal at least
 * @param featureRegistrationDelay how long a feature stays {@code Registering}
 * @param retryAfterSeconds the {@code Retry-After} value sent with 202 responses
 */
public record ArmSettings(
    String subscriptionId,
    String subscriptionName,
    String tenantId,
    List<String> locations,
    Duration operationDelay,
    Duration featureRegistrationDelay,
    int retryAfterSeconds) {

  /** The subscription every fresh Isla cloud has. */
  public static final String DEFAULT_SUBSCRIPTION = "8d3f2a5c-61b7-4c1e-9f0a-2b4d6e8c1a37";

  /** The tenant every fresh Isla cloud has. */
  public static final String DEFAULT_TENANT = "5e1c9b72-3d4a-4f86-8a0e-7c2b1d9f4e63";

  public ArmSettings {
    Objects.requireNonNull(subscriptionId);
    Objects.requireNonNull(subscriptionName);
    Objects.requireNonNull(tenantId);
    locations = List.copyOf(locations);
    if (locations.isEmpty()) {
      throw new IllegalArgumentException("at least one location is needed");
    }
    if (operationDelay.isNegative() || featureRegistrationDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("Retry-After must not be negative");
    }
  }

  /** Defaults: short delays, the usual public regions. */
  public static ArmSettings defaults() {
    return new ArmSettings(DEFAULT_SUBSCRIPTION, "Isla local subscription", DEFAULT_TENANT,
        List.of("eastus", "eastus2", "westus", "westus2", "westus3", "centralus", "northeurope",
            "westeurope", "uksouth", "swedencentral", "southeastasia", "japaneast",
            "australiaeast", "canadacentral", "brazilsouth", "francecentral",
            "germanywestcentral", "spaincentral"),
        Duration.ofMillis(300), Duration.ofSeconds(2), 1);
  }

  public ArmSettings withOperationDelay(Duration delay) {
    return new ArmSettings(subscriptionId, subscriptionName, tenantId, locations, delay,
        featureRegistrationDelay, retryAfterSeconds);
  }

  public ArmSettings withFeatureRegistrationDelay(Duration delay) {
    return new ArmSettings(subscriptionId, subscriptionName, tenantId, locations, operationDelay,
        delay, retryAfterSeconds);
  }
}
