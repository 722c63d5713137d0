package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.controlplane.store.StoredResource;
import java.util.Locale;
import java.util.Optional;

/** ARM's handling of the {@code location} property: normalised, validated, required. */
public final class Locations {

  private Locations() {}

  /** {@code "East US"} → {@code eastus}. */
  public static String normalize(String location) {
    return location.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  /**
   * The location of a regional resource: from the body, else the stored one; must be one the
   * cloud serves.
   */
  public static String required(ArmSettings settings, ObjectNode body, Optional<StoredResource> existing) {
    String raw = body.path("location").asText("");
    if (raw.isBlank()) {
      raw = existing.map(r -> r.body().path("location").asText("")).orElse("");
    }
    if (raw.isBlank()) {
      throw ArmException.of(ArmErrorCode.LOCATION_REQUIRED);
    }
    String location = normalize(raw);
    if (!settings.locations().contains(location)) {
      throw ArmException.of(ArmErrorCode.INVALID_LOCATION, raw, "resources",
          String.join(",", settings.locations()));
    }
    return location;
  }

  /** A regional resource's location, defaulting to its resource group's when the body has none. */
  public static String orGroup(Arm arm, ObjectNode body, Optional<StoredResource> existing,
      dev.isla.arm.ResourceId id) {
    if (body.path("location").asText("").isBlank() && existing.isEmpty()) {
      Optional<String> group = id.resourceGroup()
          .flatMap(rg -> arm.store().get(dev.isla.arm.ResourceId.resourceGroup(id.subscriptionId(), rg)))
          .map(r -> r.body().path("location").asText());
      if (group.isPresent()) {
        return group.get();
      }
    }
    return required(arm.settings(), body, existing);
  }
}
