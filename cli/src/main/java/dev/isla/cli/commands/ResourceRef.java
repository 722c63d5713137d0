package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.cli.Arg;
import dev.isla.cli.CliException;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.ArmClient;
import java.util.ArrayList;
import java.util.List;

/**
 * How a command names its resource: a row of the resource-type table plus the arguments that
 * hold each name segment (parent names first). {@code --ids} replaces them all.
 *
 * @param type the resource type; URLs and api-versions come from it
 * @param nameArgs one argument per type segment, e.g. {@code [--vnet-name, --name]}
 */
public record ResourceRef(ResourceType type, List<String> nameArgs) {

  public ResourceRef {
    nameArgs = List.copyOf(nameArgs);
    if (nameArgs.size() != type.segments().size()) {
      throw new IllegalArgumentException("one name argument per type segment of " + type);
    }
  }

  public static ResourceRef of(ResourceType type, String... nameArgs) {
    return new ResourceRef(type, List.of(nameArgs));
  }

  /** {@code --resource-group/-g}, replaced by {@code --ids}. */
  public static Arg groupArg() {
    return Arg.value("--resource-group", "-g").asIdPart()
        .help("Name of resource group. You can configure the default group using "
            + "`az configure --defaults group=<name>`.");
  }

  /** {@code --ids}. */
  public static Arg idsArg() {
    return Arg.list("--ids").help("One or more resource IDs (space-delimited). It should be a "
        + "complete resource ID containing all information of 'Resource Id' arguments.");
  }

  /** The resources named on the command line: {@code --ids}, or group plus names. */
  public List<ResourceId> resolve(Invocation inv) {
    if (inv.has("--ids")) {
      return inv.values("--ids").stream().map(ResourceRef::parseId).toList();
    }
    return List.of(build(inv));
  }

  /** The one resource named by group and name arguments. */
  public ResourceId build(Invocation inv) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < nameArgs.size(); i++) {
      pairs.add(type.segments().get(i));
      pairs.add(inv.required(nameArgs.get(i)));
    }
    return ResourceId.of(inv.subscriptionId(), inv.required("--resource-group"), type.namespace(),
        pairs.toArray(String[]::new));
  }

  /** The request path of {@code id}, with this type's api-version. */
  public String path(ResourceId id) {
    return ArmClient.withApiVersion(id.toString(), type.newestApiVersion());
  }

  /** The collection to list: below the parent given by the name arguments but the last. */
  public String listPath(Invocation inv) {
    String last = type.segments().getLast();
    if (nameArgs.size() > 1) {
      ResourceRef parent = new ResourceRef(
          dev.isla.arm.ResourceTypes.find(type.namespace(),
              type.segments().subList(0, nameArgs.size() - 1)).orElseThrow(),
          nameArgs.subList(0, nameArgs.size() - 1));
      return ArmClient.withApiVersion(parent.build(inv) + "/" + last, type.newestApiVersion());
    }
    String scope = "/subscriptions/" + inv.subscriptionId()
        + inv.value("--resource-group").map(g -> "/resourceGroups/" + g).orElse("");
    return ArmClient.withApiVersion(scope + "/providers/" + type.namespace() + "/" + last,
        type.newestApiVersion());
  }

  /** GETs every page of a collection. */
  public static ArrayNode listAll(ArmClient arm, String path) {
    ArrayNode all = Json.array();
    String next = path;
    while (next != null && !next.isEmpty()) {
      JsonNode page = arm.get(next);
      page.path("value").forEach(all::add);
      next = page.path("nextLink").asText(null);
    }
    return all;
  }

  static ResourceId parseId(String text) {
    try {
      return ResourceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("argument --ids: invalid resource ID '" + text + "'", 2);
    }
  }
}
