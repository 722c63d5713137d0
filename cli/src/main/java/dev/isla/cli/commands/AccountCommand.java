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
import java.util.Optional;

/**
 * {@code az login}, {@code az account show/list/set} and {@code az version}. Login against the
 * local cloud needs no secret: it lists the cloud's subscriptions and records them, with the
 * account, in {@code AZURE_CONFIG_DIR} as az does in {@code azureProfile.json}.
 */
public final class AccountCommand {

  static final String CLI_VERSION = "2.71.0";

  private AccountCommand() {}

  public static List<CommandDef> commands() {
    return List.of(
        CommandDef.of("login", "Log in to the local Isla cloud.", AccountCommand::login,
            Arg.flag("--service-principal").help("The credential representing a service "
                + "principal."),
            Arg.value("--username", "-u").help("User name, service principal, or managed "
                + "service identity ID."),
            Arg.value("--password", "-p").help("Credentials like user password, or for a "
                + "service principal, provide client secret."),
            Arg.value("--tenant", "-t").help("The Microsoft Entra tenant."),
            Arg.flag("--identity", "-i").help("Log in using managed identity."),
            Arg.flag("--allow-no-subscriptions").help("Support accessing tenants without "
                + "subscriptions."),
            Arg.flag("--use-device-code").help("Use device code flow.")).raw(),
        CommandDef.of("account show", "Get the details of a subscription.",
            inv -> Optional.of(current(inv))).raw(),
        CommandDef.of("account list", "Get a list of subscriptions for the logged in account.",
            inv -> Optional.of(accounts(inv)),
            Arg.flag("--all").help("List all subscriptions."),
            Arg.flag("--refresh").help("Retrieve up-to-date subscriptions from server.")).raw(),
        CommandDef.of("account set", "Set a subscription to be the current active "
            + "subscription.", AccountCommand::set,
            Arg.value("--name", "-n", "-s").help("Name or ID of subscription.")).raw(),
        CommandDef.of("version", "Show the versions of Azure CLI modules and extensions.",
            AccountCommand::version).raw());
  }

  private static Optional<JsonNode> login(Invocation inv) {
    String user = inv.flag("--identity") ? "systemAssignedIdentity"
        : inv.value("--username").orElse("isla-user@isla.local");
    String type = inv.flag("--service-principal") || inv.flag("--identity")
        ? "servicePrincipal" : "user";
    JsonNode cloud = inv.session().subscriptions();
    if (cloud.isEmpty() && !inv.flag("--allow-no-subscriptions")) {
      throw new CliException("No subscriptions found for " + user + ".");
    }
    ArrayNode entries = Json.array();
    for (JsonNode sub : cloud) {
      entries.add(entry(inv, sub, user, type, entries.isEmpty()));
    }
    inv.session().profile().saveSubscriptions(entries);
    return Optional.of(entries);
  }

  private static ObjectNode entry(Invocation inv, JsonNode sub, String user, String type,
      boolean isDefault) {
    ObjectNode entry = Json.object();
    entry.put("cloudName", "AzureCloud");
    String tenant = sub.path("tenantId").asText(inv.value("--tenant").orElse(""));
    entry.put("homeTenantId", tenant);
    entry.put("id", sub.path("subscriptionId").asText());
    entry.put("isDefault", isDefault);
    entry.set("managedByTenants", Json.array());
    entry.put("name", sub.path("displayName").asText(sub.path("subscriptionId").asText()));
    entry.put("state", sub.path("state").asText("Enabled"));
    entry.put("tenantId", tenant);
    entry.set("user", Json.object().put("name", user).put("type", type));
    entry.put("islaArmUrl", inv.session().armUrl());
    return entry;
  }

  private static ArrayNode accounts(Invocation inv) {
    ArrayNode stored = Json.array();
    for (JsonNode sub : inv.session().profile().profile().path("subscriptions")) {
      if (inv.session().armUrl().equals(sub.path("islaArmUrl").asText())) {
        stored.add(withoutIslaFields(sub));
      }
    }
    if (!stored.isEmpty()) {
      return stored;
    }
    ArrayNode fromCloud = Json.array();
    String current = inv.subscriptionId();
    for (JsonNode sub : inv.session().subscriptions()) {
      boolean isDefault = sub.path("subscriptionId").asText().equals(current);
      fromCloud.add(withoutIslaFields(entry(inv, sub, "isla-user@isla.local", "user", isDefault)));
    }
    return fromCloud;
  }

  private static JsonNode current(Invocation inv) {
    String id = inv.subscriptionId();
    for (JsonNode sub : accounts(inv)) {
      if (sub.path("id").asText().equalsIgnoreCase(id)) {
        return sub;
      }
    }
    throw new CliException("Subscription '" + id + "' not found. Check the spelling and casing "
        + "and try again.");
  }

  private static Optional<JsonNode> set(Invocation inv) {
    String wanted = inv.value("--name").or(() -> inv.session().globals().subscription())
        .orElseThrow(() -> dev.isla.cli.ArgParser.usage(inv.def(),
            "the following arguments are required: --name/--subscription/-n/-s"));
    ArrayNode all = Json.array();
    boolean found = false;
    for (JsonNode sub : inv.session().subscriptions()) {
      boolean match = wanted.equalsIgnoreCase(sub.path("subscriptionId").asText())
          || wanted.equalsIgnoreCase(sub.path("displayName").asText());
      found |= match;
      all.add(entry(inv, sub, "isla-user@isla.local", "user", match));
    }
    if (!found) {
      throw new CliException("The subscription of '" + wanted + "' doesn't exist in cloud "
          + "'AzureCloud'.");
    }
    inv.session().profile().saveSubscriptions(all);
    return Optional.empty();
  }

  private static JsonNode withoutIslaFields(JsonNode sub) {
    ObjectNode copy = sub.deepCopy();
    copy.remove("islaArmUrl");
    return copy;
  }

  private static Optional<JsonNode> version(Invocation inv) {
    ObjectNode version = Json.object();
    version.put("azure-cli", CLI_VERSION);
    version.put("azure-cli-core", CLI_VERSION);
    version.put("azure-cli-telemetry", "1.1.0");
    ObjectNode extensions = Json.object();
    inv.session().profile().extensions().fields().forEachRemaining(
        e -> extensions.put(e.getKey(), e.getValue().path("version").asText()));
    version.set("extensions", extensions);
    return Optional.of(version);
  }
}
