package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.arm.ActionResult;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.arm.Step;
import dev.isla.controlplane.port.CommandResult;
import dev.isla.controlplane.port.DataPlaneUnavailableException;
import dev.isla.controlplane.port.NodePort;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST …/managedClusters/{c}/runCommand} ({@code az aks command invoke}): answered 202,
 * the command runs through the {@link NodePort}, its result is kept at
 * {@code …/managedClusters/{c}/commandResults/{id}} as AKS shows it
 * ({@code {id, properties:{provisioningState, exitCode, startedAt, finishedAt, logs, reason}}}).
 */
final class RunCommands {

  static final String RESULT_TYPE = "microsoft.containerservice/managedclusters/commandresults";

  private final Arm arm;
  private final NodePort nodes;

  RunCommands(Arm arm, NodePort nodes) {
    this.arm = arm;
    this.nodes = nodes;
  }

  ActionResult start(ResourceRequest request) {
    JsonNode body = request.body();
    String command = body.path("command").asText("");
    if (command.isBlank()) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "The value of parameter command is invalid: "
          + "a command is required.").target("command");
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    ObjectNode running = result(id, "Running");
    request.tx().put(resultId(request.id(), id), RESULT_TYPE, running);
    ObjectNode args = Json.object().put("id", id).put("command", command).put("context", body.path("context").asText(""));
    return ActionResult.accepted(new Step("runCommand", args));
  }

  JsonNode run(ResourceId cluster, Step step) {
    ObjectNode args = step.args();
    String id = args.path("id").asText();
    Instant started = arm.clock().instant();
    try {
      CommandResult r = nodes.runCommand(cluster.toString(), args.path("command").asText(), args.path("context").asText());
      ObjectNode done = result(id, "Succeeded");
      ObjectNode p = (ObjectNode) done.get("properties");
      p.put("exitCode", r.exitCode());
      p.put("startedAt", r.startedAt().toString());
      p.put("finishedAt", r.finishedAt().toString());
      p.put("logs", r.logs());
      save(cluster, id, done);
      return done;
    } catch (DataPlaneUnavailableException e) {
      ObjectNode failed = result(id, "Failed");
      ObjectNode p = (ObjectNode) failed.get("properties");
      p.put("startedAt", started.toString());
      p.put("finishedAt", arm.clock().instant().toString());
      p.put("reason", e.getMessage());
      save(cluster, id, failed);
      throw ArmException.of(ArmErrorCode.RUN_COMMAND_NOT_AVAILABLE, e.getMessage());
    }
  }

  JsonNode result(ResourceId cluster, String id) {
    return arm.store().get(resultId(cluster, id)).map(r -> (JsonNode) r.body())
        .orElseThrow(() -> ArmException.of(ArmErrorCode.AKS_COMMAND_RESULT_NOT_FOUND, id, cluster.name()));
  }

  private void save(ResourceId cluster, String id, ObjectNode body) {
    arm.store().transaction(tx -> tx.put(resultId(cluster, id), RESULT_TYPE, body));
  }

  private static ObjectNode result(String id, String state) {
    ObjectNode out = Json.object();
    out.put("id", id);
    out.putObject("properties").put("provisioningState", state);
    return out;
  }

  private static ResourceId resultId(ResourceId cluster, String id) {
    return cluster.child("commandResults", id);
  }
}
