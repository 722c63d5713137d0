package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.port.BootstrapProfile;
import dev.isla.controlplane.port.NodeState;

/**
 * A node as {@code GET …/agentPools/{p}/machines} shows it. Besides Azure's fields, Isla adds
 * {@code properties.bootstrap} — the bootstrap the node runs and whether it still matches the
 * cluster's profile — so that nodes awaiting a reimage are visible (docs/DEVIATIONS.md).
 */
final class Machines {

  private Machines() {}

  static ObjectNode view(ResourceId pool, NodeState node, ObjectNode cluster, Arm arm) {
    ObjectNode m = Json.object();
    m.put("id", pool.child("machines", node.name()).toString());
    m.put("name", node.name());
    m.put("type", "Microsoft.ContainerService/managedClusters/agentPools/machines");
    ObjectNode p = m.putObject("properties");
    p.put("provisioningState", node.ready() ? "Succeeded" : "Failed");
    p.putObject("status").put("provisioningState", node.ready() ? "Succeeded" : "Failed");
    node.failure().ifPresent(f -> {
      ObjectNode error = p.putObject("error");
      error.put("phase", f.phase());
      error.put("exitCode", f.exitCode());
      error.put("message", f.cause());
    });
    ObjectNode b = p.putObject("bootstrap");
    BootstrapProfile bootstrap = node.bootstrap();
    b.put("artifactSource", bootstrap.artifactSource());
    bootstrap.containerRegistryServer().ifPresent(s -> b.put("containerRegistryServer", s));
    b.put("outboundType", bootstrap.outboundType());
    b.put("kubernetesVersion", bootstrap.kubernetesVersion());
    BootstrapProfile current = ClusterBootstrap.of(arm.store(), cluster, bootstrap.subnetId(), arm.settings().tenantId());
    b.put("matchesClusterProfile", current.equals(bootstrap));
    return m;
  }
}
