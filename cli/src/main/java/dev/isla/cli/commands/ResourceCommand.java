package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CliException;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.ArmClient;
import dev.isla.cli.arm.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code az resource list/show} (generic, raw) and {@code az rest}. */
public final class ResourceCommand {

  private static final String RESOURCES_API = ResourceTypes.RESOURCE_GROUPS.newestApiVersion();

  private ResourceCommand() {}

  public static List<CommandDef> commands() {
    return List.of(
        CommandDef.of("resource list", "List resources.", ResourceCommand::list,
            Arg.value("--resource-group", "-g").help("Name of resource group."),
            Arg.value("--resource-type").help("The resource type."),
            Arg.value("--name", "-n").help("The resource name.")).raw(),
        CommandDef.of("resource show", "Get the details of a resource.", ResourceCommand::show,
            Arg.list("--ids").help("One or more resource IDs (space-delimited)."),
            Arg.value("--api-version").help("The api version of the resource.")).raw(),
        CommandDef.of("rest", "Invoke a custom request.", ResourceCommand::rest,
            Arg.value("--method", "-m").choices("get", "put", "patch", "delete", "post", "head",
                "options").help("HTTP request method."),
            Arg.value("--url", "--uri", "-u").asRequired().help("Request URL."),
            Arg.value("--body", "-b").help("Request body. Use @{file} to load from a file."),
            Arg.list("--headers").help("Space-separated headers in KEY=VALUE format or JSON "
                + "string."),
            Arg.flag("--skip-authorization-header").help("Do not auto-append Authorization "
                + "header."),
            Arg.value("--resource").help("Resource url for which CLI should acquire a token."),
            Arg.value("--output-file").help("Save response payload to a file.")).raw());
  }

  private static Optional<JsonNode> list(Invocation inv) {
    String scope = "/subscriptions/" + inv.subscriptionId()
        + inv.value("--resource-group").map(g -> "/resourceGroups/" + g).orElse("");
    String path = ArmClient.withApiVersion(scope + "/resources", RESOURCES_API);
    if (inv.has("--resource-type")) {
      path += "&$filter=" + ArmClient.encode("resourceType eq '"
          + inv.required("--resource-type") + "'");
    }
    var all = ResourceRef.listAll(inv.arm(), path);
    if (inv.has("--name")) {
      var named = Json.array();
      all.forEach(r -> {
        if (r.path("name").asText().equalsIgnoreCase(inv.required("--name"))) {
          named.add(r);
        }
      });
      return Optional.of(named);
    }
    return Optional.of(all);
  }

  private static Optional<JsonNode> show(Invocation inv) {
    List<String> ids = inv.values("--ids");
    if (ids.isEmpty()) {
      throw dev.isla.cli.ArgParser.usage(inv.def(), "the following arguments are required: --ids");
    }
    var all = Json.array();
    for (String text : ids) {
      ResourceId id = ResourceRef.parseId(text);
      String version = inv.value("--api-version").or(() -> id.resourceType()
          .map(t -> t.newestApiVersion())).orElseThrow(() -> new CliException(
              "The resource type of '" + text + "' is not known to the Isla cloud."));
      all.add(inv.arm().get(ArmClient.withApiVersion(id.toString(), version)));
    }
    return Optional.of(all.size() == 1 ? all.get(0) : all);
  }

  private static Optional<JsonNode> rest(Invocation inv) {
    String method = inv.value("--method").orElse("get").toUpperCase(Locale.ROOT);
    String url = toLocalCloud(inv.required("--url"));
    Optional<JsonNode> body = inv.value("--body").map(ResourceCommand::readBody);
    HttpExchange response = inv.arm().send(method, url, body);
    return ArmClient.bodyOf(response);
  }

  /** {@code https://management.azure.com/...} addresses the local cloud's ARM endpoint. */
  private static String toLocalCloud(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (String arm : List.of("https://management.azure.com", "https://management.core.windows.net")) {
      if (lower.startsWith(arm)) {
        return url.substring(arm.length());
      }
    }
    return url;
  }

  private static JsonNode readBody(String text) {
    String content = text;
    if (text.startsWith("@")) {
      try {
        content = Files.readString(Path.of(text.substring(1)));
      } catch (IOException e) {
        throw new CliException("Cannot read " + text.substring(1) + ": " + e.getMessage());
      }
    }
    try {
      return Json.parse(content);
    } catch (IllegalArgumentException e) {
      throw new CliException("Failed to parse string as JSON:\n" + content + "\nError detail: "
          + e.getMessage());
    }
  }
}
