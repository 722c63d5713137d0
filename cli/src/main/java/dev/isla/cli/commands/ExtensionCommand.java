package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.cli.Arg;
import dev.isla.cli.CliException;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code az extension add/update/list/show/remove}. The aks-preview commands are built in, so
 * adding it only records it (offline); other extensions do not exist here.
 */
public final class ExtensionCommand {

  /** Extensions whose commands this CLI already has, with the version it reports. */
  static final Map<String, String> BUILT_IN = Map.of("aks-preview", "18.0.0b1");

  private ExtensionCommand() {}

  public static List<CommandDef> commands() {
    Arg name = Arg.value("--name", "-n").asRequired().help("Name of extension.");
    return List.of(
        CommandDef.of("extension add", "Add an extension.", ExtensionCommand::add, name,
            Arg.flag("--upgrade").help("Update the extension if already installed."),
            Arg.flag("--yes", "-y").help("Do not prompt for confirmation."),
            Arg.flag("--allow-preview").help("Include preview versions.")).raw(),
        CommandDef.of("extension update", "Update an extension.", ExtensionCommand::update,
            name, Arg.flag("--allow-preview").help("Include preview versions.")).raw(),
        CommandDef.of("extension list", "List the installed extensions.",
            ExtensionCommand::list).raw(),
        CommandDef.of("extension show", "Show an extension.", ExtensionCommand::show,
            name).raw(),
        CommandDef.of("extension remove", "Remove an extension.", ExtensionCommand::remove,
            name).raw());
  }

  private static Optional<JsonNode> add(Invocation inv) {
    String name = known(inv.required("--name"));
    ObjectNode installed = inv.session().profile().extensions();
    installed.set(name, describe(name));
    inv.session().profile().saveExtensions(installed);
    inv.session().warn("The '" + name + "' commands are built into this CLI; the extension is "
        + "recorded, nothing was downloaded.");
    return Optional.empty();
  }

  private static Optional<JsonNode> update(Invocation inv) {
    String name = inv.required("--name");
    ObjectNode installed = inv.session().profile().extensions();
    if (!installed.has(name)) {
      throw new CliException("The extension " + name + " is not installed.");
    }
    installed.set(name, describe(known(name)));
    inv.session().profile().saveExtensions(installed);
    inv.session().warn("Latest version of '" + name + "' is already installed.");
    return Optional.empty();
  }

  private static Optional<JsonNode> list(Invocation inv) {
    ArrayNode all = Json.array();
    inv.session().profile().extensions().forEach(all::add);
    return Optional.of(all);
  }

  private static Optional<JsonNode> show(Invocation inv) {
    String name = inv.required("--name");
    JsonNode found = inv.session().profile().extensions().get(name);
    if (found == null) {
      throw new CliException("The extension " + name + " is not installed.", 1);
    }
    return Optional.of(found);
  }

  private static Optional<JsonNode> remove(Invocation inv) {
    String name = inv.required("--name");
    ObjectNode installed = inv.session().profile().extensions();
    if (installed.remove(name) == null) {
      throw new CliException("The extension " + name + " is not installed.");
    }
    inv.session().profile().saveExtensions(installed);
    return Optional.empty();
  }

  private static String known(String name) {
    if (!BUILT_IN.containsKey(name)) {
      throw new CliException("No matching extensions for '" + name + "'. Use --debug for more "
          + "information.");
    }
    return name;
  }

  private static ObjectNode describe(String name) {
    ObjectNode ext = Json.object();
    ext.put("experimental", false);
    ext.put("extensionType", "whl");
    ext.put("name", name);
    ext.put("path", "(built into the Isla CLI)");
    ext.put("preview", true);
    ext.put("version", BUILT_IN.get(name));
    return ext;
  }
}
