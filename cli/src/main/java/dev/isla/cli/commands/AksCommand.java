package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CliException;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.ArmClient;
import dev.isla.cli.arm.HttpExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code az aks show/list/delete/upgrade}, {@code nodepool list/show}, {@code command invoke}
 * and {@code get-credentials} (research/aks-isolation.md §4.3, §5.2).
 */
public final class AksCommand {

  private static final ResourceRef CLUSTER = AksCreateCommand.CLUSTER;
  private static final ResourceRef POOL =
      ResourceRef.of(ResourceTypes.AGENT_POOLS, "--cluster-name", "--name");
  private static final String API = ResourceTypes.MANAGED_CLUSTERS.newestApiVersion();
  static final String NODE_IMAGE_QUESTION = "This node image upgrade operation will run across "
      + "every node pool in the cluster and might take a while. Do you wish to continue?";

  private AksCommand() {}

  public static List<CommandDef> commands() {
    Arg name = Arg.value("--name", "-n").asIdPart().help("Name of the managed cluster.");
    Arg cluster = Arg.value("--cluster-name").asIdPart().help("The cluster name.");
    List<CommandDef> all = new ArrayList<>(AksUpdates.commands());
    all.addAll(List.of(
        CrudCommand.show("aks show", "Show the details for a managed Kubernetes cluster.",
            CLUSTER, name),
        CrudCommand.list("aks list", "List managed Kubernetes clusters.", CLUSTER,
            Arg.value("--resource-group", "-g").help("Name of resource group.")),
        CrudCommand.delete("aks delete", "Delete a managed Kubernetes cluster.", CLUSTER,
            Optional.of("Are you sure you want to perform this operation?"), name),
        CommandDef.of("aks upgrade", "Upgrade a managed Kubernetes cluster to a newer version.",
            AksCommand::upgrade, name, ResourceRef.groupArg(), ResourceRef.idsArg(),
            Arg.value("--kubernetes-version", "-k").help("Version of Kubernetes to upgrade to."),
            Arg.flag("--node-image-only").help("Only upgrade node image for agent pools."),
            Arg.flag("--control-plane-only").help("Upgrade the cluster control plane only."),
            Arg.flag("--no-wait").help("Do not wait for the long-running operation to finish."),
            CrudCommand.yesArg()),
        CommandDef.of("aks nodepool list", "List node pools in the managed Kubernetes cluster.",
            inv -> Optional.of(ResourceRef.listAll(inv.arm(), POOL.listPath(inv))),
            cluster.asRequired(), ResourceRef.groupArg().asRequired()),
        CrudCommand.show("aks nodepool show", "Show the details for a node pool.", POOL,
            Arg.value("--name", "-n", "--nodepool-name").asIdPart().help("The node pool name."),
            cluster),
        CommandDef.of("aks command invoke", "Run a shell command (with kubectl, helm) on your "
            + "aks cluster.", AksCommand::invoke, name.asRequired(),
            ResourceRef.groupArg().asRequired(),
            Arg.value("--command", "-c").asRequired().help("The command to run."),
            Arg.list("--file", "-f").help("Files to be used by the command.")),
        CommandDef.of("aks get-credentials", "Get access credentials for a managed Kubernetes "
            + "cluster.", AksCommand::credentials, name.asRequired(),
            ResourceRef.groupArg().asRequired(),
            Arg.value("--file", "-f").help("Kubernetes configuration file to update."),
            Arg.flag("--admin", "-a").help("Get cluster administrator credentials."),
            Arg.flag("--overwrite-existing").help("Overwrite any existing cluster entry."))));
    return all;
  }

  private static Optional<JsonNode> upgrade(Invocation inv) {
    ResourceId id = CLUSTER.resolve(inv).getFirst();
    JsonNode cluster = inv.arm().get(CLUSTER.path(id));
    if (inv.flag("--node-image-only")) {
      if (inv.has("--kubernetes-version")) {
        throw new CliException("Conflicting flags. Upgrading the Kubernetes version will also "
            + "upgrade node image version. If you only want to upgrade the node version please "
            + "use the \"--node-image-only\" option only.");
      }
      if (!inv.confirm(NODE_IMAGE_QUESTION)) {
        return Optional.empty();
      }
      for (JsonNode pool : cluster.path("properties").path("agentPoolProfiles")) {
        String action = ArmClient.withApiVersion(id + "/agentPools/" + pool.path("name").asText()
            + "/upgradeNodeImageVersion", API);
        inv.arm().send("POST", action, Optional.empty());
      }
      return Optional.of(inv.arm().get(CLUSTER.path(id)));
    }
    String version = inv.value("--kubernetes-version").orElseThrow(() -> new CliException(
        "Please specify --kubernetes-version or --node-image-only."));
    if (!inv.confirm("Kubernetes may be unavailable during cluster upgrades.\n Are you sure you "
        + "want to perform this operation?")) {
      return Optional.empty();
    }
    ObjectNode body = AksUpdates.withoutReadOnly((ObjectNode) cluster);
    ObjectNode props = (ObjectNode) body.get("properties");
    props.put("kubernetesVersion", version);
    if (!inv.flag("--control-plane-only")) {
      props.path("agentPoolProfiles").forEach(p -> ((ObjectNode) p)
          .put("orchestratorVersion", version));
    }
    return CrudCommand.put(inv, CLUSTER.path(id), body);
  }

  private static Optional<JsonNode> invoke(Invocation inv) {
    String path = ArmClient.withApiVersion(CLUSTER.build(inv) + "/runCommand", API);
    ObjectNode body = Json.object().put("command", inv.required("--command"))
        .put("context", "").put("clusterToken", "");
    HttpExchange first = inv.arm().send("POST", path, Optional.of(body));
    JsonNode result = inv.session().lro().await("POST", path, first)
        .or(() -> ArmClient.bodyOf(first)).orElse(Json.object());
    if (inv.has("--output")) {
      return Optional.of(result);
    }
    JsonNode p = result.has("properties") ? result.get("properties") : result;
    String state = p.path("provisioningState").asText();
    if (state.equals("Succeeded")) {
      inv.session().out().println("command started at " + p.path("startedAt").asText()
          + ", finished at " + p.path("finishedAt").asText() + " with exitcode="
          + p.path("exitCode").asText());
      inv.session().out().println(p.path("logs").asText());
    } else if (state.equals("Failed")) {
      inv.session().out().println("command failed with reason: " + p.path("reason").asText());
    } else {
      inv.session().out().println("command is in " + state + " state");
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> credentials(Invocation inv) {
    inv.arm().get(CLUSTER.path(CLUSTER.build(inv)));
    throw new CliException("'az aks get-credentials' is not available in the Isla cloud: its "
        + "clusters have no Kubernetes API endpoint for a kubeconfig. Use 'az aks command invoke "
        + "--command \"kubectl ...\"' instead.");
  }
}
