package dev.isla.controlplane.rp.network;

import static dev.isla.controlplane.rp.network.NetworkFixture.NET;
import static dev.isla.controlplane.rp.network.NetworkFixture.assertError;
import static dev.isla.controlplane.rp.network.NetworkFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ArmTestServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivateEndpointIT {

  private ArmTestServer server;
  private NetworkFixture net;
  private String pe;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    net = new NetworkFixture(server, "rg1").seed();
    pe = net.rg + "/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String body(String subnet, String target, String group) {
    return "{\"location\":\"eastus\",\"properties\":{\"subnet\":{\"id\":\"" + subnet + "\"},"
        + "\"privateLinkServiceConnections\":[{\"name\":\"myConnection\",\"properties\":{"
        + "\"privateLinkServiceId\":\"" + target + "\",\"groupIds\":[\"" + group + "\"]}}]}}";
  }

  /** PUT and wait for the operation, returning the final GET. */
  private JsonNode create(String id, String body) {
    ArmTestServer.Reply created = server.put(id + NET, body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().path("properties").path("provisioningState").asText()).isEqualTo("Updating");
    assertThat(server.await(created.header("Azure-AsyncOperation")).path("status").asText()).isEqualTo("Succeeded");
    return ok(server.get(id + NET));
  }

  @Test
  void seedPrivateEndpointGetsANicWithOneAddressPerRegistryMember() {
    String registry = net.registry("myAcr", "Premium");
    JsonNode endpoint = create(pe, body(net.subnet("acr-subnet"), registry, "registry"));
    JsonNode p = endpoint.path("properties");
    assertThat(p.path("provisioningState").asText()).isEqualTo("Succeeded");
    JsonNode connection = p.path("privateLinkServiceConnections").get(0);
    assertThat(connection.path("properties").path("privateLinkServiceId").asText()).isEqualTo(registry);
    assertThat(connection.path("properties").path("privateLinkServiceConnectionState").toString())
        .isEqualTo("{\"status\":\"Approved\",\"description\":\"Auto-Approved\",\"actionsRequired\":\"None\"}");
    assertThat(p.path("customDnsConfigs").toString()).isEqualTo(
        "[{\"fqdn\":\"myacr.azurecr.io\",\"ipAddresses\":[\"192.168.2.4\"]},"
            + "{\"fqdn\":\"myacr.eastus.data.azurecr.io\",\"ipAddresses\":[\"192.168.2.5\"]}]");
    String nicId = p.path("networkInterfaces").get(0).path("id").asText();
    assertThat(nicId).matches(".*/networkInterfaces/myPrivateEndpoint\\.nic\\.[0-9a-f-]{36}");

    JsonNode nic = ok(server.get(nicId + NET));
    JsonNode configs = nic.path("properties").path("ipConfigurations");
    assertThat(configs.findValuesAsText("requiredMemberName")).containsExactly("registry", "registry_data_eastus");
    assertThat(configs.findValuesAsText("privateIPAddress")).containsExactly("192.168.2.4", "192.168.2.5");
    assertThat(configs.get(1).path("properties").path("privateLinkConnectionProperties").path("fqdns").get(0).asText())
        .isEqualTo("myacr.eastus.data.azurecr.io");
    assertThat(nic.path("properties").path("privateEndpoint").path("id").asText()).isEqualTo(pe);

    JsonNode subnet = ok(server.get(net.subnet("acr-subnet") + NET)).path("properties");
    assertThat(subnet.path("privateEndpoints").findValuesAsText("id")).containsExactly(pe);
    assertThat(subnet.path("ipConfigurations").findValuesAsText("id"))
        .containsExactly(configs.get(0).path("id").asText(), configs.get(1).path("id").asText());

    List<PrivateEndpoints.Connection> connecting = PrivateEndpoints.connectingTo(
        server.controlPlane().arm().store(), ResourceId.parse(registry.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/")));
    assertThat(connecting).hasSize(1);
    assertThat(connecting.getFirst().status()).isEqualTo("Approved");
    assertThat(connecting.getFirst().groupIds()).containsExactly("registry");
    assertThat(connecting.getFirst().members()).extracting(m -> m.requiredMemberName() + "=" + m.address())
        .containsExactly("registry=192.168.2.4", "registry_data_eastus=192.168.2.5");
  }

  @Test
  void targetMustExistExposeTheGroupAndBePremium() {
    String basic = net.registry("basicacr", "Basic");
    String premium = net.registry("premiumacr", "Premium");
    assertError(server.put(pe + NET, body(net.subnet("acr-subnet"), basic, "registry")), 400,
        "PrivateEndpointBadRequest", "Call to Microsoft.ContainerRegistry/registries failed. Error message: "
            + "Private endpoints are supported only by registries of the Premium SKU; registry 'basicacr' is 'Basic'.");
    assertError(server.put(pe + NET, body(net.subnet("acr-subnet"), premium, "blob")), 400,
        "PrivateEndpointBadRequest", "The only private link resource of a container registry is 'registry'.");
    assertError(server.put(pe + NET, body(net.subnet("acr-subnet"), premium + "x", "registry")), 400,
        "PrivateLinkServiceNotFound", "premiumacrx");
    assertError(server.put(pe + NET, body(net.subnet("nope"), premium, "registry")), 400,
        "InvalidResourceReference", "Resource " + net.subnet("nope") + " referenced by resource " + pe + " was not found.");
    assertError(server.put(pe + NET, "{\"properties\":{\"subnet\":{\"id\":\"" + net.subnet("acr-subnet") + "\"}}}"),
        400, "InvalidParameter", "exactly one connection");
    assertThat(server.get(pe + NET).status()).isEqualTo(404);
    assertThat(server.get(net.rg + "/providers/Microsoft.Network/networkInterfaces" + NET).json().path("value").size()).isZero();
    assertThat(server.get(net.subnet("acr-subnet") + NET).json().path("properties").has("ipConfigurations")).isFalse();
  }

  @Test
  void subnetWithPoliciesEnabledAcceptsEndpoints() {
    ok(server.put(net.subnet("policies") + NET,
        "{\"properties\":{\"addressPrefix\":\"192.168.5.0/24\",\"privateEndpointNetworkPolicies\":\"Enabled\"}}"));
    JsonNode endpoint = create(pe, body(net.subnet("policies"), net.registry("myacr", "Premium"), "registry"));
    assertThat(endpoint.path("properties").path("customDnsConfigs").get(0).path("ipAddresses").get(0).asText())
        .isEqualTo("192.168.5.4");
  }

  @Test
  void aFullSubnetRefusesTheEndpoint() {
    ok(server.put(net.subnet("tiny") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.6.0/29\"}}"));
    String registry = net.registry("myacr", "Premium");
    create(pe, body(net.subnet("tiny"), registry, "registry"));
    assertError(server.put(pe + "2" + NET, body(net.subnet("tiny"), registry, "registry")), 400, "SubnetIsFull",
        "Subnet tiny with address prefix 192.168.6.0/29 does not have enough capacity for 2 IP addresses.");
    assertThat(server.get(pe + "2" + NET).status()).isEqualTo(404);
  }

  @Test
  void theEndpointsNicIsReadOnlyAndGoesWithTheEndpoint() {
    String registry = net.registry("myacr", "Premium");
    JsonNode endpoint = create(pe, body(net.subnet("acr-subnet"), registry, "registry"));
    String nicId = endpoint.path("properties").path("networkInterfaces").get(0).path("id").asText();
    JsonNode nic = net.snapshot(nicId);
    assertError(server.send("DELETE", nicId + NET, null), 400, "CannotDeleteNicAttachedToPrivateEndpoint", pe);
    assertError(server.put(nicId + NET, nic.toString()), 400, "CannotModifyNicAttachedToPrivateEndpoint", pe);
    assertThat(net.snapshot(nicId)).isEqualTo(nic);
    assertError(server.send("DELETE", net.subnet("acr-subnet") + NET, null), 400, "InUseSubnetCannotBeDeleted",
        "acr-subnet");

    assertThat(server.send("DELETE", pe + NET, null).status()).isEqualTo(200);
    assertThat(server.get(nicId + NET).status()).isEqualTo(404);
    assertThat(PrivateEndpoints.connectingTo(server.controlPlane().arm().store(), ResourceId.parse(registry))).isEmpty();
    JsonNode again = create(pe, body(net.subnet("acr-subnet"), registry, "registry"));
    assertThat(again.path("properties").path("customDnsConfigs").get(0).path("ipAddresses").get(0).asText())
        .isEqualTo("192.168.2.4");
  }

  @Test
  void updatesKeepTheNicAndRefuseMovingTheEndpoint() {
    String registry = net.registry("myacr", "Premium");
    create(pe, body(net.subnet("acr-subnet"), registry, "registry"));
    JsonNode before = net.snapshot(pe);
    assertError(server.put(pe + NET, body(net.subnet("aks-subnet"), registry, "registry")), 400,
        "InvalidParameter", "cannot be changed");
    assertThat(net.snapshot(pe)).isEqualTo(before);
    JsonNode tagged = ok(server.send("PATCH", pe + NET, "{\"tags\":{\"a\":\"b\"}}"));
    assertThat(tagged.path("tags").path("a").asText()).isEqualTo("b");
    assertThat(tagged.path("properties").path("networkInterfaces")).isEqualTo(before.path("properties").path("networkInterfaces"));
  }

  @Test
  void manualConnectionsArePending() {
    String registry = net.registry("myacr", "Premium");
    JsonNode endpoint = create(pe, "{\"properties\":{\"subnet\":{\"id\":\"" + net.subnet("acr-subnet") + "\"},"
        + "\"manualPrivateLinkServiceConnections\":[{\"name\":\"c\",\"properties\":{\"privateLinkServiceId\":\""
        + registry + "\",\"groupIds\":[\"registry\"],\"requestMessage\":\"please\"}}]}}");
    JsonNode c = endpoint.path("properties").path("manualPrivateLinkServiceConnections").get(0).path("properties");
    assertThat(c.path("privateLinkServiceConnectionState").path("status").asText()).isEqualTo("Pending");
    assertThat(endpoint.path("location").asText()).isEqualTo("eastus");
    assertThat(PrivateEndpoints.connectingTo(server.controlPlane().arm().store(), ResourceId.parse(registry))
        .getFirst().manual()).isTrue();
  }
}
