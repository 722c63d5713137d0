package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.cli.Arg;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.HttpExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The show/list/delete/create rows most resource types share, built from a {@link ResourceRef}.
 * Creation sends a PUT and, unless {@code --no-wait}, follows the long-running operation and
 * prints the final resource, as az does.
 */
public final class CrudCommand {

  private CrudCommand() {}

  /** {@code show}: GET each named resource. */
  public static CommandDef show(String path, String summary, ResourceRef ref, Arg... nameArgs) {
    return CommandDef.of(path, summary, inv -> {
      List<ResourceId> ids = ref.resolve(inv);
      if (ids.size() == 1) {
        return Optional.of(inv.arm().get(ref.path(ids.getFirst())));
      }
      ArrayNode all = Json.array();
      ids.forEach(id -> all.add(inv.arm().get(ref.path(id))));
      return Optional.of(all);
    }).with(withIds(nameArgs));
  }

  /** {@code list}: GET the collection, every page. */
  public static CommandDef list(String path, String summary, ResourceRef ref, Arg... args) {
    return CommandDef.of(path, summary,
        inv -> Optional.of(ResourceRef.listAll(inv.arm(), ref.listPath(inv)))).with(List.of(args));
  }

  /** {@code delete}: DELETE each named resource, asking first when {@code question} is set. */
  public static CommandDef delete(String path, String summary, ResourceRef ref,
      Optional<String> question, Arg... nameArgs) {
    List<Arg> args = new ArrayList<>(withIds(nameArgs));
    args.add(Arg.flag("--no-wait").help("Do not wait for the long-running operation to finish."));
    question.ifPresent(q -> args.add(yesArg()));
    return CommandDef.of(path, summary, inv -> {
      if (question.isPresent() && !inv.confirm(question.get())) {
        return Optional.empty();
      }
      for (ResourceId id : ref.resolve(inv)) {
        deleteOne(inv, ref.path(id));
      }
      return Optional.empty();
    }).with(args);
  }

  /** DELETEs one path and waits unless {@code --no-wait}. */
  public static void deleteOne(Invocation inv, String path) {
    HttpExchange first = inv.arm().send("DELETE", path, Optional.empty());
    if (!inv.noWait()) {
      inv.session().lro().await("DELETE", path, first);
    }
  }

  /** {@code create}: PUT the body {@code body} builds and print the result. */
  public static CommandDef create(String path, String summary, ResourceRef ref,
      Function<Invocation, JsonNode> body, Arg... args) {
    List<Arg> all = new ArrayList<>(List.of(args));
    all.add(Arg.flag("--no-wait").help("Do not wait for the long-running operation to finish."));
    return CommandDef.of(path, summary, inv -> put(inv, ref.path(ref.build(inv)), body.apply(inv)))
        .with(all);
  }

  /** PUTs {@code body} and, unless {@code --no-wait}, waits and returns the final resource. */
  public static Optional<JsonNode> put(Invocation inv, String path, JsonNode body) {
    return send(inv, "PUT", path, body);
  }

  /** Sends a PUT or PATCH and follows the operation as az does. */
  public static Optional<JsonNode> send(Invocation inv, String method, String path, JsonNode body) {
    HttpExchange first = inv.arm().send(method, path, Optional.of(body));
    if (inv.noWait()) {
      return Optional.empty();
    }
    return inv.session().lro().await(method, path, first);
  }

  /** {@code --yes/-y}. */
  public static Arg yesArg() {
    return Arg.flag("--yes", "-y").help("Do not prompt for confirmation.");
  }

  private static List<Arg> withIds(Arg... nameArgs) {
    List<Arg> args = new ArrayList<>(List.of(nameArgs));
    args.add(ResourceRef.groupArg());
    args.add(ResourceRef.idsArg());
    return args;
  }

  /** The resource group's location, the default for a new resource (az does the same GET). */
  public static String groupLocation(Invocation inv) {
    return inv.value("--location").orElseGet(() -> inv.arm().get(
        dev.isla.cli.arm.ArmClient.withApiVersion(ResourceId.resourceGroup(inv.subscriptionId(),
            inv.required("--resource-group")).toString(),
            dev.isla.arm.ResourceTypes.RESOURCE_GROUPS.newestApiVersion()))
        .path("location").asText());
  }
}
