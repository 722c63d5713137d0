package dev.isla.controlplane.rp.network;

import static dev.isla.controlplane.rp.network.NetworkFixture.NET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.ArmTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GET bodies of the seed's private endpoint and its network interface, compared whole with
 * the golden files in {@code golden/} (research/aks-isolation.md §4.5) after masking what changes
 * from run to run: guids (resource guids, NIC and ip configuration names) and etags.
 */
class PrivateEndpointShapeIT {

  private ArmTestServer server;
  private NetworkFixture net;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    net = new NetworkFixture(server, "rg1").seed();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String masked(JsonNode body) {
    return Json.pretty(body).replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<guid>");
  }

  static String golden(String name) throws IOException {
    try (InputStream in = PrivateEndpointShapeIT.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as(name).isNotNull();
      return Json.pretty(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  @Test
  void privateEndpointAndNicBodiesKeepTheirShape() throws IOException {
    String registry = net.registry("myacr", "Premium");
    String pe = net.rg + "/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint";
    ArmTestServer.Reply created = server.put(pe + NET, "{\"location\":\"eastus\",\"properties\":{"
        + "\"subnet\":{\"id\":\"" + net.subnet("acr-subnet") + "\"},\"privateLinkServiceConnections\":[{"
        + "\"name\":\"myConnection\",\"properties\":{\"privateLinkServiceId\":\"" + registry
        + "\",\"groupIds\":[\"registry\"]}}]}}");
    server.await(created.header("Azure-AsyncOperation"));
    JsonNode endpoint = server.get(pe + NET).json();
    JsonNode nic = server.get(endpoint.path("properties").path("networkInterfaces").get(0).path("id").asText() + NET).json();
    assertThat(masked(endpoint)).isEqualTo(golden("private-endpoint.json"));
    assertThat(masked(nic)).isEqualTo(golden("private-endpoint-nic.json"));
  }
}
