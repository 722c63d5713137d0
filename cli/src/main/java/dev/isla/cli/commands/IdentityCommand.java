package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CommandDef;
import java.util.List;
import java.util.Optional;

/** {@code az identity create/show/list/delete} (user-assigned managed identities). */
public final class IdentityCommand {

  private static final ResourceRef REF =
      ResourceRef.of(ResourceTypes.USER_ASSIGNED_IDENTITIES, "--name");

  private IdentityCommand() {}

  public static List<CommandDef> commands() {
    Arg name = Arg.value("--name", "-n").asIdPart().help("The name of the identity resource.");
    return List.of(
        CrudCommand.create("identity create", "Create an identity.", REF, inv -> {
          ObjectNode body = Json.object().put("location", CrudCommand.groupLocation(inv));
          if (inv.has("--tags")) {
            body.set("tags", GroupCommand.tags(inv.values("--tags")));
          }
          return body;
        }, name.asRequired(), ResourceRef.groupArg().asRequired(),
            Arg.value("--location", "-l").help("Location."),
            Arg.list("--tags").help("Space-separated tags: key[=value].")),
        CrudCommand.show("identity show", "Show an identity.", REF, name),
        CrudCommand.list("identity list", "List identities.", REF,
            Arg.value("--resource-group", "-g").help("Name of resource group.")),
        CrudCommand.delete("identity delete", "Delete an identity.", REF, Optional.empty(),
            name));
  }
}
