package dev.isla.cli;

/**
 * How a command's result is shaped before printing (research/aks-isolation.md §5; az's SDK
 * models): {@link #FLATTENED} merges every {@code properties} envelope into its object and adds
 * {@code resourceGroup} next to each {@code id}; {@link #RAW} prints the wire JSON untouched
 * (az feature, group, provider, resource, rest).
 */
public enum OutputShape {
  FLATTENED,
  RAW
}
