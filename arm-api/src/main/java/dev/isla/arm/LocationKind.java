package dev.isla.arm;

/** How a resource type treats the top-level {@code location} property. */
public enum LocationKind {
  /** Required; a region name such as {@code eastus} (defaults to the resource group's). */
  REGIONAL,
  /** Always {@code global} (private DNS zones and their children). */
  GLOBAL,
  /** No location property (child resources, proxy resources). */
  NONE
}
