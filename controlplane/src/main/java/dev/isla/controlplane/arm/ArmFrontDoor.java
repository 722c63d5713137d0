package dev.isla.controlplane.arm;

import dev.isla.arm.ArmPath;
import dev.isla.arm.ResourceId;
import java.util.Optional;

/**
 * What ARM answers around the resources: cloud metadata, tenants and subscriptions, provider
 * namespaces and their registration, namespace-level actions and the generic resource listing.
 * Implemented by the Microsoft.Resources provider package.
 */
public interface ArmFrontDoor {

  /** Answers paths outside {@code /subscriptions/…} ({@code /metadata/endpoints}, {@code /tenants}…). */
  Optional<ArmResponse> answer(ArmRequest request);

  /** {@code GET /subscriptions/{s}}. */
  ArmResponse subscription();

  /** {@code GET /subscriptions/{s}[/resourceGroups/{rg}]/resources?$filter=…}. */
  ArmResponse genericList(ResourceId scope, ArmRequest request);

  /** Provider namespaces: list, show, {@code register}, and namespace actions. */
  ArmResponse providers(ArmPath path, ArmRequest request);
}
