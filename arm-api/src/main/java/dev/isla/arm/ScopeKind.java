package dev.isla.arm;

/** Where a resource type lives in ARM's hierarchy. */
public enum ScopeKind {
  /** Directly under the tenant root, e.g. {@code /subscriptions/{s}}. */
  TENANT,
  /** Under a subscription, e.g. resource groups and feature registrations. */
  SUBSCRIPTION,
  /** Under a resource group (tracked and child resources). */
  RESOURCE_GROUP,
  /** An extension resource that attaches to any scope, e.g. role assignments. */
  EXTENSION
}
