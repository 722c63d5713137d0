package dev.isla.controlplane.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.Json;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.store.ResourceQuery;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Targeted hostile requests to the ARM server: each is a 4xx ARM error and changes nothing. */
class ArmHostileInputIT {

  static ArmTestServer server;
  static String vnet;

  @BeforeAll
  static void start() {
    server = new ArmTestServer();
    String rg = "/subscriptions/" + server.subscription() + "/resourceGroups/hi";
    server.put(rg + "?" + ArmTestServer.API, "{\"location\":\"eastus\"}");
    vnet = rg + "/providers/Microsoft.Network/virtualNetworks/v";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static ArmTestServer.Reply refused(String method, String path, String body, String... headers) {
    Map<String, String> before = snapshot();
    ArmTestServer.Reply reply = server.send(method, path, body, headers);
    assertThat(reply.status()).as(reply.text()).isBetween(400, 499);
    assertThat(reply.json().path("error").path("code").asText())
        .as(method + " " + path.substring(0, Math.min(200, path.length())) + " -> " + reply.status() + " " + reply.text()).isNotBlank();
    assertThat(snapshot()).isEqualTo(before);
    return reply;
  }

  static Map<String, String> snapshot() {
    Map<String, String> resources = new TreeMap<>();
    server.controlPlane().arm().store().list(ResourceQuery.all()).forEach(r ->
        resources.put(r.id().key(), r.etag() + " " + Json.write(r.body())));
    return resources;
  }

  @Test
  void anOversizedBodyIs413() {
    String big = "{\"location\":\"eastus\",\"tags\":{\"a\":\"" + "x".repeat(4 * 1024 * 1024)
        + "\"}}";
    assertThat(refused("PUT", vnet + "?api-version=2025-05-01", big).status()).isEqualTo(413);
  }

  @Test
  void aBodyAboveTheDrainLimitIsRefusedFromItsHeadersAlone() throws Exception {
    // Only the headers are sent: the answer must come without the server waiting for the body.
    try (var socket = new java.net.Socket("127.0.0.1", java.net.URI.create(server.baseUrl()).getPort())) {
      socket.setSoTimeout(10_000);
      String head = "PUT " + vnet + "?api-version=2025-05-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + (200L * 1024 * 1024) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").contains("RequestContentTooLarge");
    }
  }

  @Test
  void deepNestingIsABadRequest() {
    String deep = "{\"location\":\"eastus\",\"properties\":" + "{\"a\":".repeat(5000) + "1"
        + "}".repeat(5000) + "}";
    assertThat(refused("PUT", vnet + "?api-version=2025-05-01", deep).status()).isEqualTo(400);
    String arrays = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(refused("PUT", vnet + "?api-version=2025-05-01", arrays).status()).isEqualTo(400);
  }

  @Test
  void badApiVersionsFiltersAndPreconditionsAreRefused() {
    String body = "{\"location\":\"eastus\"}";
    refused("PUT", vnet, body);
    refused("PUT", vnet + "?api-version=", body);
    refused("PUT", vnet + "?api-version=" + "9".repeat(5000), body);
    refused("PUT", vnet + "?api-version=2025-05-01&api-version=2024-01-01x", body);
    refused("PUT", vnet + "?api-version=2025-05-01", body, "If-Match", "\"no-such-etag\"");
    refused("GET", "/subscriptions/" + server.subscription()
        + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"
        + "&$filter=principalId%20eq%20'", null);
    refused("GET", "/subscriptions/" + server.subscription()
        + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"
        + "&$filter=" + "(".repeat(3000), null);
  }
}
