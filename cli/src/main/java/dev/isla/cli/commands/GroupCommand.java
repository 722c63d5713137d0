package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.ArmClient;
import dev.isla.cli.arm.HttpExchange;
import java.util.List;
import java.util.Optional;

/** {@code az group create/show/list/delete/exists}: raw Microsoft.Resources output, as az. */
public final class GroupCommand {

  private static final String API = ResourceTypes.RESOURCE_GROUPS.newestApiVersion();

  private GroupCommand() {}

  public static List<CommandDef> commands() {
    Arg name = Arg.value("--name", "-n", "--resource-group", "-g").asRequired()
        .help("Name of resource group.");
    return List.of(
        CommandDef.of("group create", "Create a new resource group.", GroupCommand::create,
            name, Arg.value("--location", "-l").asRequired().help("Location."),
            Arg.list("--tags").help("Space-separated tags: key[=value].")).raw(),
        CommandDef.of("group show", "Gets a resource group.",
            inv -> Optional.of(inv.arm().get(path(inv))), name).raw(),
        CommandDef.of("group list", "List resource groups.",
            inv -> Optional.of(ResourceRef.listAll(inv.arm(), ArmClient.withApiVersion(
                "/subscriptions/" + inv.subscriptionId() + "/resourcegroups", API)))).raw(),
        CommandDef.of("group delete", "Delete a resource group.", GroupCommand::delete, name,
            CrudCommand.yesArg(), Arg.flag("--no-wait").help("Do not wait.")).raw(),
        CommandDef.of("group exists", "Check if a resource group exists.", GroupCommand::exists,
            name).raw());
  }

  private static String path(Invocation inv) {
    return ArmClient.withApiVersion("/subscriptions/" + inv.subscriptionId() + "/resourcegroups/"
        + inv.required("--name"), API);
  }

  private static Optional<com.fasterxml.jackson.databind.JsonNode> create(Invocation inv) {
    ObjectNode body = Json.object().put("location", inv.required("--location"));
    if (inv.has("--tags")) {
      body.set("tags", tags(inv.values("--tags")));
    }
    return CrudCommand.put(inv, path(inv), body);
  }

  /** az's {@code key[=value]} tag list as a JSON object. */
  static ObjectNode tags(List<String> pairs) {
    ObjectNode tags = Json.object();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      tags.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
    }
    return tags;
  }

  private static Optional<com.fasterxml.jackson.databind.JsonNode> delete(Invocation inv) {
    if (inv.confirm("Are you sure you want to perform this operation?")) {
      CrudCommand.deleteOne(inv, path(inv));
    }
    return Optional.empty();
  }

  private static Optional<com.fasterxml.jackson.databind.JsonNode> exists(Invocation inv) {
    HttpExchange head = inv.arm().exchange("HEAD", path(inv), Optional.empty());
    if (head.status() == 404) {
      return Optional.of(BooleanNode.FALSE);
    }
    if (head.status() < 300) {
      return Optional.of(BooleanNode.TRUE);
    }
    HttpExchange get = inv.arm().exchange("GET", path(inv), Optional.empty());
    if (get.status() >= 400 && get.status() != 404) {
      throw ArmClient.failure(get);
    }
    return Optional.of(BooleanNode.valueOf(get.status() < 300));
  }
}
