package dev.isla.controlplane.rp.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ArmTestServer;

/** The seed's network, built over HTTP, and assertions shared by the network component tests. */
public final class NetworkFixture {

  public static final String NET = "?api-version=2025-05-01";

  public final ArmTestServer server;
  public final String rg;
  public final String vnet;

  public NetworkFixture(ArmTestServer server, String group) {
    this.server = server;
    this.rg = "/subscriptions/" + server.subscription() + "/resourceGroups/" + group;
    this.vnet = rg + "/providers/Microsoft.Network/virtualNetworks/vnet";
    assertThat(server.put(rg + "?" + ArmTestServer.API,
        "{\"location\":\"eastus\"}").status()).isEqualTo(201);
  }

  public String subnet(String name) {
    return vnet + "/subnets/" + name;
  }

  /** VNet 192.168.0.0/16, aks-subnet 192.168.1.0/24 (no default outbound), acr-subnet 192.168.2.0/24 (policies Disabled). */
  public NetworkFixture seed() {
    ok(server.put(vnet + NET, "{\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"192.168.0.0/16\"]}}}"));
    ok(server.put(subnet("aks-subnet") + NET,
        "{\"properties\":{\"addressPrefix\":\"192.168.1.0/24\",\"defaultOutboundAccess\":false}}"));
    ok(server.put(subnet("acr-subnet") + NET,
        "{\"properties\":{\"addressPrefix\":\"192.168.2.0/24\",\"privateEndpointNetworkPolicies\":\"Disabled\"}}"));
    return this;
  }

  /** Writes a registry straight into the store, as the registry provider would have. */
  public String registry(String name, String sku) {
    ResourceId id = ResourceId.parse(rg + "/providers/Microsoft.ContainerRegistry/registries/" + name);
    ObjectNode body = (ObjectNode) Json.parse("{\"id\":\"" + id + "\",\"name\":\"" + name
        + "\",\"type\":\"Microsoft.ContainerRegistry/registries\",\"location\":\"eastus\",\"sku\":{\"name\":\""
        + sku + "\",\"tier\":\"" + sku + "\"},\"properties\":{\"loginServer\":\"" + name.toLowerCase()
        + ".azurecr.io\",\"provisioningState\":\"Succeeded\",\"publicNetworkAccess\":\"Disabled\"}}");
    server.controlPlane().arm().store().transaction(tx -> tx.put(id, "microsoft.containerregistry/registries", body));
    return id.toString();
  }

  public static JsonNode ok(ArmTestServer.Reply reply) {
    assertThat(reply.status()).as(reply.text()).isIn(200, 201);
    return reply.json();
  }

  public static void assertError(ArmTestServer.Reply reply, int status, String code, String messagePart) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.json().path("error").path("code").asText()).as(reply.text()).isEqualTo(code);
    assertThat(reply.json().path("error").path("message").asText()).contains(messagePart);
  }

  /** The resource as GET shows it (etag included), or an "absent" marker, for before/after comparisons. */
  public JsonNode snapshot(String path) {
    ArmTestServer.Reply reply = server.get(path + (path.contains("privateDnsZones") ? "?api-version=2024-06-01" : NET));
    if (reply.status() == 404) {
      return Json.object().put("absent", true);
    }
    return reply.json();
  }
}
