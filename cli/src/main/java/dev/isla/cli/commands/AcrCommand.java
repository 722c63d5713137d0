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
import dev.isla.cli.registry.RegistryClient;
import java.util.List;
import java.util.Optional;

/**
 * {@code az acr create/update/show/list/delete}, {@code az acr cache ...} and the data-plane
 * {@code az acr repository ...} (research/aks-isolation.md §4.4, §5.3). Create checks the name
 * first; update is GET then PATCH. Without {@code -g} a registry is found by name, as az does.
 */
public final class AcrCommand {

  private static final ResourceRef REGISTRY = ResourceRef.of(ResourceTypes.REGISTRIES, "--name");
  private static final ResourceRef CACHE =
      ResourceRef.of(ResourceTypes.CACHE_RULES, "--registry", "--name");
  private static final String API = ResourceTypes.REGISTRIES.newestApiVersion();

  private AcrCommand() {}

  public static List<CommandDef> commands() {
    Arg name = Arg.value("--name", "-n").asRequired().help("The name of the container registry.");
    Arg optionalGroup = Arg.value("--resource-group", "-g").help("Name of resource group.");
    Arg cacheName = Arg.value("--name", "-n").asIdPart().help("The name of the cache rule.");
    Arg registry = Arg.value("--registry", "-r").asIdPart().help("The name of the container "
        + "registry.");
    return List.of(
        CommandDef.of("acr create", "Create an Azure Container Registry.", AcrCommand::create,
            name, ResourceRef.groupArg().asRequired(),
            Arg.value("--sku").asRequired().choices("Basic", "Standard", "Premium")
                .help("The SKU of the container registry."),
            Arg.value("--location", "-l").help("Location."),
            Arg.value("--public-network-enabled").help("Allow public network access."),
            Arg.value("--admin-enabled").help("Indicates whether the admin user is enabled."),
            Arg.value("--zone-redundancy").choices("Enabled", "Disabled").help("Zone "
                + "redundancy."),
            Arg.flag("--no-wait").help("Do not wait.")),
        CommandDef.of("acr update", "Update an Azure Container Registry.", AcrCommand::update,
            name, optionalGroup,
            Arg.value("--anonymous-pull-enabled").help("Enable registry-wide pull."),
            Arg.value("--public-network-enabled").help("Allow public network access."),
            Arg.value("--admin-enabled").help("Indicates whether the admin user is enabled."),
            Arg.value("--data-endpoint-enabled").help("Enable dedicated data endpoint."),
            Arg.value("--sku").choices("Basic", "Standard", "Premium").help("The SKU."),
            Arg.flag("--no-wait").help("Do not wait.")),
        CommandDef.of("acr show", "Get the details of an Azure Container Registry.",
            inv -> Optional.of(inv.arm().get(REGISTRY.path(registryId(inv)))),
            Arg.value("--name", "-n").help("The name of the container registry."), optionalGroup,
            ResourceRef.idsArg()),
        CrudCommand.list("acr list", "List container registries.", REGISTRY, optionalGroup),
        CommandDef.of("acr delete", "Delete an Azure Container Registry.", inv -> {
          if (inv.confirm("Are you sure you want to delete the registry '"
              + inv.required("--name") + "'?")) {
            CrudCommand.deleteOne(inv, REGISTRY.path(registryId(inv)));
          }
          return Optional.empty();
        }, name, optionalGroup, CrudCommand.yesArg()),
        CrudCommand.create("acr cache create", "Create a cache rule.", CACHE,
            AcrCommand::cacheBody, cacheName.asRequired(), registry.asRequired(),
            ResourceRef.groupArg().asRequired(),
            Arg.value("--source-repo", "-s").asRequired().help("The full source repository path."),
            Arg.value("--target-repo", "-t").asRequired().help("The target repository namespace."),
            Arg.value("--cred-set", "-c").help("The name of the credential set.")),
        CrudCommand.show("acr cache show", "Show a cache rule.", CACHE, cacheName, registry),
        CrudCommand.list("acr cache list", "List the cache rules of a registry.", CACHE,
            registry.asRequired(), ResourceRef.groupArg().asRequired()),
        CrudCommand.delete("acr cache delete", "Delete a cache rule.", CACHE,
            Optional.of("Deleting cache rule, are you sure you want to continue?"),
            cacheName, registry),
        CommandDef.of("acr repository list", "List repositories in a registry.",
            inv -> Optional.of(registryClient(inv).repositories(top(inv))), name,
            Arg.value("--top").help("Limit the number of items.")),
        CommandDef.of("acr repository show-tags", "Show tags for a repository.",
            inv -> Optional.of(registryClient(inv).tags(inv.required("--repository"), top(inv))),
            name, Arg.value("--repository").asRequired()
                .help("The name of the repository."), Arg.value("--top").help("Limit.")),
        CommandDef.of("acr repository show-manifests", "Show manifests of a repository.",
            inv -> Optional.of(registryClient(inv).manifests(inv.required("--repository"),
                top(inv))), name, Arg.value("--repository").asRequired()
                .help("The name of the repository."), Arg.value("--top").help("Limit.")),
        CommandDef.of("acr repository delete", "Delete a repository or image in an Azure "
            + "Container Registry.", AcrCommand::deleteRepository, name,
            Arg.value("--repository").help("The name of the repository to delete."),
            Arg.value("--image").help("The name of the image to delete: 'repository:tag' or "
                + "'repository@digest'. Its manifest and every tag naming it are deleted."),
            CrudCommand.yesArg()),
        CommandDef.of("acr show-usage", "Get the storage usage for an Azure Container Registry.",
            inv -> Optional.of(inv.arm().get(ArmClient.withApiVersion(
                registryId(inv) + "/listUsages", API))), name, optionalGroup));
  }

  /**
   * {@code --repository}: every tagged manifest (and so every tag) of it; {@code --image}: one
   * manifest and the tags naming it. As az, asks first unless {@code --yes}.
   */
  private static Optional<JsonNode> deleteRepository(Invocation inv) {
    Optional<String> image = inv.value("--image");
    if (image.isPresent() == inv.has("--repository")) {
      throw new CliException("usage error: --image IMAGE | --repository REPOSITORY", 2);
    }
    RegistryClient client = registryClient(inv);
    String question = image.map(i -> "This operation will delete the manifest '" + i
        + "' and all the following images: '" + i + "'.")
        .orElseGet(() -> "This operation will delete the repository '"
            + inv.required("--repository") + "' and all images in it.");
    if (!inv.confirm(question + "\nAre you sure you want to continue?")) {
      return Optional.empty();
    }
    if (image.isPresent()) {
      String[] parts = image.get().split("(?=@)|:(?=[^/@:]+$)", 2);
      if (parts.length != 2) {
        throw new CliException("Image '" + image.get() + "' must be 'repository:tag' or "
            + "'repository@digest'.", 2);
      }
      String reference = parts[1].startsWith("@") ? parts[1].substring(1) : parts[1];
      client.deleteManifest(parts[0], client.digest(parts[0], reference));
      return Optional.empty();
    }
    String repository = inv.required("--repository");
    for (JsonNode manifest : client.manifests(repository, Optional.empty())) {
      client.deleteManifest(repository, manifest.path("digest").asText());
    }
    return Optional.empty();
  }

  /** The registry named by {@code --ids}, or {@code -g} and {@code -n}, or by name alone. */
  static ResourceId registryId(Invocation inv) {
    if (inv.has("--ids")) {
      return REGISTRY.resolve(inv).getFirst();
    }
    String name = inv.required("--name");
    if (inv.has("--resource-group")) {
      return REGISTRY.build(inv);
    }
    String filter = "resourceType eq '" + ResourceTypes.REGISTRIES.fullName() + "'";
    String path = ArmClient.withApiVersion("/subscriptions/" + inv.subscriptionId()
        + "/resources", ResourceTypes.RESOURCE_GROUPS.newestApiVersion())
        + "&$filter=" + ArmClient.encode(filter);
    for (JsonNode r : ResourceRef.listAll(inv.arm(), path)) {
      if (r.path("name").asText().equalsIgnoreCase(name)) {
        return ResourceId.parse(r.path("id").asText());
      }
    }
    throw new CliException("The resource with name '" + name + "' and type '"
        + ResourceTypes.REGISTRIES.fullName() + "' could not be found in subscription '"
        + inv.subscriptionId() + "'.", 3);
  }

  private static Optional<JsonNode> create(Invocation inv) {
    String name = inv.required("--name");
    ObjectNode check = Json.object().put("name", name).put("type",
        ResourceTypes.REGISTRIES.fullName());
    String checkPath = ArmClient.withApiVersion("/subscriptions/" + inv.subscriptionId()
        + "/providers/Microsoft.ContainerRegistry/checkNameAvailability", API);
    JsonNode availability = ArmClient.bodyOf(inv.arm().send("POST", checkPath,
        Optional.of(check))).orElse(Json.object());
    if (!availability.path("nameAvailable").asBoolean(true)) {
      throw new CliException(availability.path("message").asText("The registry DNS name "
          + name + ".azurecr.io is already in use. You can check if the name is available using "
          + "'az acr check-name' command."));
    }
    ObjectNode body = Json.object().put("location", CrudCommand.groupLocation(inv));
    body.set("sku", Json.object().put("name", inv.required("--sku")));
    ObjectNode props = body.putObject("properties");
    props.put("adminUserEnabled", inv.bool("--admin-enabled").orElse(false));
    inv.bool("--public-network-enabled").ifPresent(enabled -> {
      props.put("publicNetworkAccess", enabled ? "Enabled" : "Disabled");
      if (!enabled && inv.required("--sku").equals("Premium")) {
        props.set("networkRuleSet", Json.object().put("defaultAction", "Deny"));
      }
    });
    inv.value("--zone-redundancy").ifPresent(z -> props.put("zoneRedundancy", z));
    props.put("anonymousPullEnabled", false);
    return CrudCommand.put(inv, REGISTRY.path(REGISTRY.build(inv)), body);
  }

  private static Optional<JsonNode> update(Invocation inv) {
    String path = REGISTRY.path(registryId(inv));
    inv.arm().get(path);
    ObjectNode patch = Json.object();
    ObjectNode props = patch.putObject("properties");
    inv.bool("--anonymous-pull-enabled").ifPresent(b -> props.put("anonymousPullEnabled", b));
    inv.bool("--admin-enabled").ifPresent(b -> props.put("adminUserEnabled", b));
    inv.bool("--data-endpoint-enabled").ifPresent(b -> props.put("dataEndpointEnabled", b));
    inv.bool("--public-network-enabled").ifPresent(
        b -> props.put("publicNetworkAccess", b ? "Enabled" : "Disabled"));
    inv.value("--sku").ifPresent(s -> patch.set("sku", Json.object().put("name", s)));
    return CrudCommand.send(inv, "PATCH", path, patch);
  }

  private static JsonNode cacheBody(Invocation inv) {
    ObjectNode props = Json.object();
    props.put("sourceRepository", inv.required("--source-repo"));
    props.put("targetRepository", inv.required("--target-repo"));
    inv.value("--cred-set").ifPresent(c -> props.put("credentialSetResourceId",
        ResourceId.of(inv.subscriptionId(), inv.required("--resource-group"),
            "Microsoft.ContainerRegistry", "registries", inv.required("--registry"),
            "credentialSets", c).toString()));
    return Json.object().set("properties", props);
  }

  /** The registry's data plane at its login server, found through ARM as az does. */
  private static RegistryClient registryClient(Invocation inv) {
    JsonNode registry = inv.arm().get(REGISTRY.path(registryId(inv)));
    String login = registry.path("properties").path("loginServer").asText("");
    if (login.isBlank()) {
      throw new CliException("The registry '" + inv.required("--name") + "' has no login server.");
    }
    return new RegistryClient(inv.session().registryUrl(), login);
  }

  private static Optional<Integer> top(Invocation inv) {
    return inv.value("--top").map(t -> {
      try {
        return Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new CliException("argument --top: invalid int value: '" + t + "'", 2);
      }
    });
  }
}
