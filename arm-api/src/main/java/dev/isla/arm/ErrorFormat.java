package dev.isla.arm;

/**
 * The JSON shape of an error body. Most providers wrap the error ({@code {"error":{...}}});
 * Microsoft.ContainerService answers with a flat object ({@code {"code","message","subcode",
 * "details"}}) — research/aks-isolation.md §4.1.
 */
public enum ErrorFormat {
  WRAPPED,
  FLAT
}
