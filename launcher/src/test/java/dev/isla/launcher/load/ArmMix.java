package dev.isla.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A client's ARM operations on its own resource group: PUT, PATCH, GET of the group; PUT,
 * PATCH, DELETE, GET and list of virtual networks in it; the generic {@code resources} listing
 * with a {@code $filter}; and scratch groups created and deleted (a long-running delete). Reads
 * are compared with the client's {@link Ledger}: it is the only writer of these resources.
 */
final class ArmMix {

  static final String GROUPS_API = "?api-version=2021-04-01";
  static final String NETWORK_API = "?api-version=2024-05-01";
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private static final int MAX_VNETS = 8;

  private final LoadClient c;
  private final Ledger ledger;

  ArmMix(LoadClient client) {
    this.c = client;
    this.ledger = client.ledger;
  }

  void createGroup() {
    Map<String, String> tags = tags();
    ObjectNode body = Json.object().put("location", "eastus");
    body.set("tags", tagNode(tags));
    write("arm.group.put", "PUT", groupPath() + GROUPS_API, body, Set.of(200, 201))
        .ifPresentOrElse(r -> ledger.groupTags = tags, () -> ledger.groupUncertain = true);
  }

  /** One operation, chosen by weight. */
  void step() {
    int roll = c.random.nextInt(100);
    if (roll < 15) {
      putVnet();
    } else if (roll < 25) {
      patchVnet();
    } else if (roll < 30) {
      deleteVnet();
    } else if (roll < 50) {
      getVnet();
    } else if (roll < 60) {
      listVnets();
    } else if (roll < 70) {
      filterResources();
    } else if (roll < 80) {
      patchGroup();
    } else if (roll < 97) {
      getGroup();
    } else {
      scratchGroup();
    }
  }

  private void putVnet() {
    String name = ledger.vnets.size() >= MAX_VNETS ? pick(new ArrayList<>(ledger.vnets.keySet()))
        : "vnet-" + c.next();
    Map<String, String> tags = tags();
    String prefix = "10." + c.random.nextInt(256) + ".0.0/16";
    ObjectNode body = Json.object().put("location", "eastus");
    body.set("tags", tagNode(tags));
    body.putObject("properties").putObject("addressSpace").putArray("addressPrefixes").add(prefix);
    write("arm.vnet.put", "PUT", vnetPath(name), body, Set.of(200, 201)).ifPresentOrElse(
        r -> ledger.vnetStored(name, new Ledger.Vnet(tags, prefix)), () -> ledger.vnetUncertain(name));
  }

  private void patchVnet() {
    if (ledger.vnets.isEmpty()) {
      putVnet();
      return;
    }
    String name = pick(new ArrayList<>(ledger.vnets.keySet()));
    Map<String, String> tags = tags();
    ObjectNode body = Json.object();
    body.set("tags", tagNode(tags));
    String prefix = ledger.vnets.get(name).prefix();
    write("arm.vnet.patch", "PATCH", vnetPath(name), body, Set.of(200)).ifPresentOrElse(
        r -> ledger.vnetStored(name, new Ledger.Vnet(tags, prefix)), () -> ledger.vnetUncertain(name));
  }

  private void deleteVnet() {
    if (ledger.vnets.isEmpty()) {
      putVnet();
      return;
    }
    String name = pick(new ArrayList<>(ledger.vnets.keySet()));
    c.call("arm.vnet.delete", c.arm, "DELETE", vnetPath(name), c.target.armHost(), Map.of(), null,
        Set.of(200, 202, 204)).ifPresentOrElse(r -> ledger.vnetDeleted(name), () -> ledger.vnetUncertain(name));
  }

  private void getVnet() {
    if (ledger.vnets.isEmpty()) {
      listVnets();
      return;
    }
    String name = pick(new ArrayList<>(ledger.vnets.keySet()));
    Ledger.Vnet expected = ledger.vnets.get(name);
    read("arm.vnet.get", vnetPath(name)).ifPresent(body -> {
      checkTags("arm.vnet.get", name, expected.tags(), body);
      String prefix = body.path("properties").path("addressSpace").path("addressPrefixes").path(0).asText();
      if (!prefix.equals(expected.prefix())) {
        c.mismatch("arm.vnet.get", name + " has address prefix " + prefix + ", acknowledged " + expected.prefix());
      }
    });
  }

  private void listVnets() {
    read("arm.vnet.list", groupPath() + "/providers/Microsoft.Network/virtualNetworks" + NETWORK_API)
        .ifPresent(body -> checkNames("arm.vnet.list", body));
  }

  private void filterResources() {
    String filter = "resourceGroup eq '" + ledger.group + "' and resourceType eq 'Microsoft.Network/virtualNetworks'";
    read("arm.resources.filter", "/subscriptions/" + c.target.subscription() + "/resources"
        + GROUPS_API + "&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"))
        .ifPresent(body -> checkNames("arm.resources.filter", body));
  }

  private void patchGroup() {
    Map<String, String> tags = tags();
    ObjectNode body = Json.object();
    body.set("tags", tagNode(tags));
    write("arm.group.patch", "PATCH", groupPath() + GROUPS_API, body, Set.of(200))
        .ifPresentOrElse(r -> ledger.groupTags = tags, () -> ledger.groupUncertain = true);
  }

  private void getGroup() {
    if (ledger.groupUncertain) {
      return;
    }
    read("arm.group.get", groupPath() + GROUPS_API)
        .ifPresent(body -> checkTags("arm.group.get", ledger.group, ledger.groupTags, body));
  }

  /** A group of its own, created then deleted at once (its delete runs as an operation). */
  private void scratchGroup() {
    String name = ledger.group + "-s" + c.next();
    String path = c.target.groupsPath() + name + GROUPS_API;
    if (write("arm.group.put", "PUT", path, Json.object().put("location", "eastus"), Set.of(201)).isPresent()
        && c.call("arm.group.delete", c.arm, "DELETE", path, c.target.armHost(), Map.of(), null,
            Set.of(200, 202)).isPresent()) {
      ledger.deletedGroups.add(name);
    }
  }

  private Optional<LoadHttp.Response> write(String kind, String method, String path, JsonNode body,
      Set<Integer> expected) {
    return c.call(kind, c.arm, method, path, c.target.armHost(), JSON,
        Json.write(body).getBytes(StandardCharsets.UTF_8), expected);
  }

  private Optional<JsonNode> read(String kind, String path) {
    return c.call(kind, c.arm, "GET", path, c.target.armHost(), Map.of(), null, Set.of(200))
        .map(r -> Json.parse(r.text()));
  }

  private void checkTags(String kind, String name, Map<String, String> expected, JsonNode body) {
    Map<String, String> actual = new TreeMap<>();
    body.path("tags").properties().forEach(e -> actual.put(e.getKey(), e.getValue().asText()));
    if (!actual.equals(new TreeMap<>(expected))) {
      c.mismatch(kind, name + " has tags " + actual + ", acknowledged " + expected);
    }
  }

  /** A listing of the group's networks names exactly the live ones this client knows of. */
  private void checkNames(String kind, JsonNode body) {
    Set<String> actual = new TreeSet<>();
    body.path("value").forEach(v -> actual.add(v.path("name").asText()));
    actual.removeAll(ledger.uncertainVnets);
    if (!actual.equals(new TreeSet<>(ledger.vnets.keySet()))) {
      c.mismatch(kind, ledger.group + " lists " + actual + ", acknowledged " + new TreeSet<>(ledger.vnets.keySet()));
    }
  }

  private static ObjectNode tagNode(Map<String, String> tags) {
    ObjectNode node = Json.object();
    tags.forEach(node::put);
    return node;
  }

  private Map<String, String> tags() {
    return Map.of("client", "c" + c.id, "seq", Integer.toString(c.next()));
  }

  private String groupPath() {
    return c.target.groupsPath() + ledger.group;
  }

  private String vnetPath(String name) {
    return groupPath() + "/providers/Microsoft.Network/virtualNetworks/" + name + NETWORK_API;
  }

  private <T> T pick(List<T> list) {
    return list.get(c.random.nextInt(list.size()));
  }
}
