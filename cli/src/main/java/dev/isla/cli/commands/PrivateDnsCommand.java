package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.ArmCallException;
import java.util.List;
import java.util.Optional;

/**
 * {@code az network private-dns zone}, {@code link vnet} and {@code record-set a}
 * (research/aks-isolation.md §4.6). {@code add-record} is GET (a missing set starts empty, as az)
 * then PUT with the address appended; {@code remove-record} deletes a set it empties unless
 * {@code --keep-empty-record-set}.
 */
public final class PrivateDnsCommand {

  private static final ResourceRef ZONE = ResourceRef.of(ResourceTypes.PRIVATE_DNS_ZONES, "--name");
  private static final ResourceRef LINK =
      ResourceRef.of(ResourceTypes.VIRTUAL_NETWORK_LINKS, "--zone-name", "--name");
  private static final ResourceRef RECORDS =
      ResourceRef.of(ResourceTypes.A_RECORD_SETS, "--zone-name", "--name");
  private static final ResourceRef RECORDS_BY_SET =
      ResourceRef.of(ResourceTypes.A_RECORD_SETS, "--zone-name", "--record-set-name");
  private static final String SURE = "Are you sure you want to perform this operation?";

  private PrivateDnsCommand() {}

  public static List<CommandDef> commands() {
    Arg name = Arg.value("--name", "-n").asIdPart().help("The name.");
    Arg zone = Arg.value("--zone-name", "-z").asIdPart().help("The name of the Private DNS zone.");
    Arg group = ResourceRef.groupArg().asRequired();
    return List.of(
        CrudCommand.create("network private-dns zone create", "Create a Private DNS zone.", ZONE,
            inv -> Json.object().put("location", "global"), name.asRequired(), group),
        CrudCommand.show("network private-dns zone show", "Get a Private DNS zone.", ZONE, name),
        CrudCommand.list("network private-dns zone list", "List Private DNS zones.", ZONE,
            Arg.value("--resource-group", "-g").help("Name of resource group.")),
        CrudCommand.delete("network private-dns zone delete", "Delete a Private DNS zone.", ZONE,
            Optional.of(SURE), name),
        CrudCommand.create("network private-dns link vnet create", "Create a virtual network "
            + "link to the specified Private DNS zone.", LINK, PrivateDnsCommand::linkBody,
            name.asRequired(), zone.asRequired(), group,
            Arg.value("--virtual-network", "-v").asRequired().help("Name or ID of the virtual "
                + "network."),
            Arg.value("--registration-enabled", "-e").asRequired().help("Specify if the link is "
                + "registration enabled.")),
        CrudCommand.show("network private-dns link vnet show", "Get a virtual network link.",
            LINK, name, zone),
        CrudCommand.list("network private-dns link vnet list", "List the virtual network links.",
            LINK, zone.asRequired(), group),
        CrudCommand.delete("network private-dns link vnet delete", "Delete a virtual network "
            + "link.", LINK, Optional.of(SURE), name, zone),
        CrudCommand.create("network private-dns record-set a create", "Create an empty A record "
            + "set.", RECORDS, inv -> Json.object().set("properties", Json.object()
                .put("ttl", Integer.parseInt(inv.value("--ttl").orElse("3600")))),
            name.asRequired(), zone.asRequired(), group, Arg.value("--ttl").help("Record set TTL.")),
        CrudCommand.show("network private-dns record-set a show", "Get an A record set.",
            RECORDS, name, zone),
        CrudCommand.list("network private-dns record-set a list", "List all A record sets in a "
            + "zone.", RECORDS, zone.asRequired(), group),
        CrudCommand.delete("network private-dns record-set a delete", "Delete an A record set.",
            RECORDS, Optional.of(SURE), name, zone),
        CommandDef.of("network private-dns record-set a add-record", "Add an A record.",
            inv -> changeRecord(inv, true), recordSetArg(), zone.asRequired(), group,
            Arg.value("--ipv4-address", "-a").asRequired().help("IPV4 address in string notation."),
            Arg.value("--ttl").help("Record set TTL.")),
        CommandDef.of("network private-dns record-set a remove-record", "Remove an A record.",
            inv -> changeRecord(inv, false), recordSetArg(), zone.asRequired(), group,
            Arg.value("--ipv4-address", "-a").asRequired().help("IPV4 address in string notation."),
            Arg.flag("--keep-empty-record-set").help("Keep the empty record set if the last "
                + "record is removed.")));
  }

  private static Arg recordSetArg() {
    return Arg.value("--record-set-name", "-n").asRequired().help("The name of the record set "
        + "relative to the zone.");
  }

  private static JsonNode linkBody(Invocation inv) {
    String vnet = inv.required("--virtual-network");
    String vnetId = vnet.startsWith("/") ? vnet : ResourceId.of(inv.subscriptionId(),
        inv.required("--resource-group"), "Microsoft.Network", "virtualNetworks", vnet).toString();
    ObjectNode props = Json.object();
    props.set("virtualNetwork", Json.object().put("id", vnetId));
    props.put("registrationEnabled", inv.bool("--registration-enabled").orElse(false));
    ObjectNode body = Json.object().put("location", "global");
    body.set("properties", props);
    return body;
  }

  private static Optional<JsonNode> changeRecord(Invocation inv, boolean add) {
    String path = RECORDS_BY_SET.path(RECORDS_BY_SET.build(inv));
    ObjectNode set;
    try {
      set = (ObjectNode) inv.arm().get(path);
    } catch (ArmCallException e) {
      if (e.status() != 404 || !add) {
        throw e;
      }
      set = Json.object();
      set.putObject("properties").put("ttl", 3600);
    }
    ObjectNode props = set.has("properties") ? (ObjectNode) set.get("properties")
        : set.putObject("properties");
    inv.value("--ttl").ifPresent(t -> props.put("ttl", Integer.parseInt(t)));
    ArrayNode records = props.has("aRecords") ? (ArrayNode) props.get("aRecords")
        : props.putArray("aRecords");
    String address = inv.required("--ipv4-address");
    if (add) {
      records.add(Json.object().put("ipv4Address", address));
    } else {
      for (int i = records.size() - 1; i >= 0; i--) {
        if (address.equals(records.get(i).path("ipv4Address").asText())) {
          records.remove(i);
        }
      }
      if (records.isEmpty() && !inv.flag("--keep-empty-record-set")) {
        CrudCommand.deleteOne(inv, path);
        return Optional.empty();
      }
    }
    return CrudCommand.put(inv, path, set);
  }
}
