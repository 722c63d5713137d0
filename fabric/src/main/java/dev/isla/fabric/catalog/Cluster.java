package dev.isla.fabric.catalog;

import dev.isla.arm.ResourceId;

/**
 * A managed cluster's network identity: its current {@code networkProfile.outboundType}. The
 * fabric reads it on every connection, so a change (an {@code az aks update --outbound-type})
 * applies to the next connection of every node, as a network setting does in Azure (unlike the
 * bootstrap profile, which waits for a reimage).
 */
public record Cluster(ResourceId id, OutboundType outboundType) {}
