package dev.isla.controlplane.rp.network;

import static dev.isla.controlplane.rp.network.NetworkFixture.NET;
import static dev.isla.controlplane.rp.network.NetworkFixture.assertError;
import static dev.isla.controlplane.rp.network.NetworkFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.controlplane.ArmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualNetworkIT {

  private ArmTestServer server;
  private NetworkFixture net;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    net = new NetworkFixture(server, "rg1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void seedNetworkShapes() {
    ArmTestServer.Reply created = server.put(net.vnet + NET,
        "{\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"192.168.0.0/16\"]}}}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode vnet = created.json();
    assertThat(vnet.path("location").asText()).isEqualTo("eastus");
    assertThat(vnet.path("type").asText()).isEqualTo("Microsoft.Network/virtualNetworks");
    assertThat(vnet.path("etag").asText()).isNotBlank();
    JsonNode p = vnet.path("properties");
    assertThat(p.path("addressSpace").path("addressPrefixes").get(0).asText()).isEqualTo("192.168.0.0/16");
    assertThat(p.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(p.path("resourceGuid").asText()).hasSize(36);
    assertThat(p.path("enableDdosProtection").asBoolean(true)).isFalse();
    assertThat(p.path("dhcpOptions").path("dnsServers").isArray()).isTrue();
    assertThat(p.path("subnets").size()).isZero();

    JsonNode aks = ok(server.put(net.subnet("aks-subnet") + NET,
        "{\"properties\":{\"addressPrefixes\":[\"192.168.1.0/24\"],\"defaultOutboundAccess\":false}}"));
    assertThat(aks.path("id").asText()).isEqualTo(net.subnet("aks-subnet"));
    assertThat(aks.path("type").asText()).isEqualTo("Microsoft.Network/virtualNetworks/subnets");
    assertThat(aks.path("properties").path("addressPrefixes").get(0).asText()).isEqualTo("192.168.1.0/24");
    assertThat(aks.path("properties").path("defaultOutboundAccess").isBoolean()).isTrue();
    assertThat(aks.path("properties").path("defaultOutboundAccess").asBoolean()).isFalse();
    assertThat(aks.path("properties").path("privateEndpointNetworkPolicies").asText()).isEqualTo("Disabled");
    assertThat(aks.path("properties").path("privateLinkServiceNetworkPolicies").asText()).isEqualTo("Enabled");
    JsonNode acr = ok(server.put(net.subnet("acr-subnet") + NET,
        "{\"properties\":{\"addressPrefix\":\"192.168.2.0/24\",\"privateEndpointNetworkPolicies\":\"disabled\"}}"));
    assertThat(acr.path("properties").path("privateEndpointNetworkPolicies").asText()).isEqualTo("Disabled");
    assertThat(acr.path("properties").has("defaultOutboundAccess")).isFalse();

    JsonNode shown = server.get(net.vnet + NET).json();
    assertThat(shown.path("properties").path("subnets").findValuesAsText("name"))
        .containsExactly("acr-subnet", "aks-subnet");
    assertThat(server.get(net.vnet + "/subnets" + NET).json().path("value").size()).isEqualTo(2);
    assertThat(server.get(net.rg + "/providers/Microsoft.Network/virtualNetworks" + NET).json()
        .path("value").size()).isEqualTo(1);
  }

  @Test
  void addressPrefixesMustBeCidrWithoutHostBitsAndNotOverlap() {
    assertError(server.put(net.vnet + NET, "{\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"192.168.0.0\"]}}}"),
        400, "InvalidAddressPrefixFormat", "192.168.0.0");
    assertError(server.put(net.vnet + NET, "{\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"192.168.1.0/16\"]}}}"),
        400, "InvalidCIDRNotation", "For the given prefix length, the address prefix should be 192.168.0.0/16.");
    assertError(server.put(net.vnet + NET,
            "{\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/8\",\"10.1.0.0/16\"]}}}"),
        400, "VnetAddressSpacesOverlap", "10.0.0.0/8 and 10.1.0.0/16");
    assertError(server.put(net.vnet + NET, "{\"properties\":{\"addressSpace\":{\"addressPrefixes\":[]}}}"),
        400, "InvalidRequestFormat", "at least one address prefix");
    assertError(server.put(net.vnet + NET, "{\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/8\"]},"
            + "\"dhcpOptions\":{\"dnsServers\":[\"10.0.0.300\"]}}}"),
        400, "InvalidIPAddress", "10.0.0.300");
    assertThat(server.get(net.vnet + NET).status()).isEqualTo(404);
  }

  @Test
  void subnetRulesRefuseAndChangeNothing() {
    net.seed();
    JsonNode before = net.snapshot(net.vnet);
    assertError(server.put(net.subnet("s") + NET, "{\"properties\":{\"addressPrefix\":\"10.0.0.0/24\"}}"),
        400, "NetcfgSubnetRangeOutsideVnet", "Subnet 's' is not valid because its IP address range is outside the IP address range of virtual network 'vnet'.");
    assertError(server.put(net.subnet("s") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.1.128/25\"}}"),
        400, "NetcfgSubnetRangesOverlap", "overlaps with that of an existing subnet 'aks-subnet'");
    assertError(server.put(net.subnet("s") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.3.0/30\"}}"),
        400, "NetcfgInvalidSubnet", "/29");
    assertError(server.put(net.subnet("s") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.3.1/24\"}}"),
        400, "InvalidCIDRNotation", "should be 192.168.3.0/24");
    assertError(server.put(net.subnet("s") + NET, "{\"properties\":{}}"), 400, "NetcfgInvalidSubnet", "addressPrefix");
    assertError(server.put(net.subnet("s") + NET,
            "{\"properties\":{\"addressPrefix\":\"192.168.3.0/24\",\"privateEndpointNetworkPolicies\":\"Sometimes\"}}"),
        400, "InvalidRequestFormat", "privateEndpointNetworkPolicies");
    assertError(server.put(net.subnet("s") + NET,
            "{\"properties\":{\"addressPrefix\":\"192.168.3.0/24\",\"defaultOutboundAccess\":\"no\"}}"),
        400, "InvalidRequestFormat", "defaultOutboundAccess");
    assertError(server.put(net.subnet("aks-subnet") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.2.0/23\"}}"),
        400, "NetcfgSubnetRangesOverlap", "acr-subnet");
    assertThat(server.get(net.subnet("s") + NET).status()).isEqualTo(404);
    assertThat(net.snapshot(net.vnet)).isEqualTo(before);
    assertThat(ok(server.put(net.subnet("s") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.3.0/29\"}}"))
        .path("properties").path("addressPrefix").asText()).isEqualTo("192.168.3.0/29");
  }

  @Test
  void subnetKeepsDelegationsAndReferences() {
    net.seed();
    JsonNode s = ok(server.put(net.subnet("apiserver") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.3.0/28\","
        + "\"delegations\":[{\"name\":\"aks\",\"properties\":{\"serviceName\":\"Microsoft.ContainerService/managedClusters\"}}],"
        + "\"natGateway\":{\"id\":\"" + net.rg + "/providers/Microsoft.Network/natGateways/nat\"},"
        + "\"privateLinkServiceNetworkPolicies\":\"Disabled\"}}"));
    JsonNode d = s.path("properties").path("delegations").get(0);
    assertThat(d.path("id").asText()).isEqualTo(net.subnet("apiserver") + "/delegations/aks");
    assertThat(d.path("type").asText()).isEqualTo("Microsoft.Network/virtualNetworks/subnets/delegations");
    assertThat(d.path("properties").path("actions").get(0).asText())
        .isEqualTo("Microsoft.Network/virtualNetworks/subnets/join/action");
    assertThat(s.path("properties").path("natGateway").path("id").asText()).endsWith("/natGateways/nat");
    assertThat(s.path("properties").path("privateLinkServiceNetworkPolicies").asText()).isEqualTo("Disabled");
    assertError(server.put(net.subnet("bad") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.4.0/24\","
        + "\"routeTable\":{\"id\":\"not-an-id\"}}}"), 400, "LinkedInvalidPropertyId", "not-an-id");
  }

  @Test
  void inlineSubnetsAreChildResourcesAndAPutReplacesTheSet() {
    JsonNode created = ok(server.put(net.vnet + NET, "{\"location\":\"westus\",\"properties\":{"
        + "\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]},\"subnets\":["
        + "{\"name\":\"a\",\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}},"
        + "{\"name\":\"b\",\"properties\":{\"addressPrefix\":\"10.0.2.0/24\"}}]}}"));
    assertThat(created.path("location").asText()).isEqualTo("westus");
    assertThat(created.path("properties").path("subnets").findValuesAsText("name")).containsExactly("a", "b");
    assertThat(ok(server.get(net.subnet("b") + NET)).path("properties").path("addressPrefix").asText())
        .isEqualTo("10.0.2.0/24");

    assertError(server.put(net.vnet + NET, "{\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]},"
            + "\"subnets\":[{\"name\":\"a\",\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}},"
            + "{\"name\":\"c\",\"properties\":{\"addressPrefix\":\"10.0.1.0/25\"}}]}}"),
        400, "NetcfgSubnetRangesOverlap", "'a'");
    assertThat(server.get(net.subnet("c") + NET).status()).isEqualTo(404);
    assertThat(server.get(net.subnet("b") + NET).status()).isEqualTo(200);

    JsonNode shown = server.get(net.vnet + NET).json();
    ((com.fasterxml.jackson.databind.node.ArrayNode) shown.path("properties").path("subnets")).remove(1);
    JsonNode replaced = ok(server.put(net.vnet + NET, shown.toString()));
    assertThat(replaced.path("properties").path("subnets").findValuesAsText("name")).containsExactly("a");
    assertThat(server.get(net.subnet("b") + NET).status()).isEqualTo(404);
  }

  @Test
  void addressSpaceCannotShrinkAwayFromASubnet() {
    net.seed();
    JsonNode before = net.snapshot(net.vnet);
    JsonNode shrunk = before.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) shrunk.path("properties").path("addressSpace"))
        .putArray("addressPrefixes").add("192.168.1.0/24");
    assertError(server.put(net.vnet + NET, shrunk.toString()), 400, "NetcfgSubnetRangeOutsideVnet", "acr-subnet");
    assertThat(net.snapshot(net.vnet)).isEqualTo(before);
  }

  @Test
  void subnetsInUseCannotBeDeletedNorTheirNetwork() {
    net.seed();
    String nic = net.rg + "/providers/Microsoft.Network/networkInterfaces/nic1";
    ok(server.put(nic + NET, "{\"properties\":{\"ipConfigurations\":[{\"name\":\"ipconfig1\","
        + "\"properties\":{\"subnet\":{\"id\":\"" + net.subnet("aks-subnet") + "\"}}}]}}"));
    JsonNode before = net.snapshot(net.vnet);
    assertError(server.send("DELETE", net.subnet("aks-subnet") + NET, null), 400, "InUseSubnetCannotBeDeleted",
        "Subnet aks-subnet is in use by " + nic + "/ipConfigurations/ipconfig1 and cannot be deleted.");
    assertError(server.send("DELETE", net.vnet + NET, null), 400, "InUseSubnetCannotBeDeleted", "aks-subnet");
    assertThat(net.snapshot(net.vnet)).isEqualTo(before);

    assertThat(server.send("DELETE", nic + NET, null).status()).isEqualTo(200);
    assertThat(server.send("DELETE", net.subnet("aks-subnet") + NET, null).status()).isEqualTo(200);
    assertThat(server.send("DELETE", net.vnet + NET, null).status()).isEqualTo(200);
    assertThat(server.get(net.subnet("acr-subnet") + NET).status()).isEqualTo(404);
  }

  @Test
  void resourceGroupDeleteTakesTheNetworkWithItsInterfaces() {
    net.seed();
    String nic = net.rg + "/providers/Microsoft.Network/networkInterfaces/nic1";
    ok(server.put(nic + NET, "{\"properties\":{\"ipConfigurations\":[{\"name\":\"ipconfig1\","
        + "\"properties\":{\"subnet\":{\"id\":\"" + net.subnet("aks-subnet") + "\"}}}]}}"));
    ArmTestServer.Reply deleting = server.send("DELETE", net.rg + "?" + ArmTestServer.API, null);
    JsonNode status = server.await(deleting.header("Azure-AsyncOperation"));
    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("Succeeded");
    assertThat(server.controlPlane().arm().store().list(dev.isla.controlplane.store.ResourceQuery.all()
        .withUnder(dev.isla.arm.ResourceId.parse(net.rg)))).isEmpty();
  }
}
