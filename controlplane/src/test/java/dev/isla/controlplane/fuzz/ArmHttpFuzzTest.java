package dev.isla.controlplane.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.fuzz.Fuzz;
import dev.isla.fuzz.Mutations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated requests to the ARM server, starting from valid PUT bodies of each resource
 * type the seed's flow creates: every answer is below 500, every error an ARM error body, and a
 * refused request leaves the store exactly as it was (every resource, body and ETag compared).
 */
class ArmHttpFuzzTest {

  static ArmTestServer server;
  static String rg;

  record Request(String method, String target, String ifMatch, String body) {}

  record Seed(String path, String body) {}

  @BeforeContainer
  static void start() {
    server = new ArmTestServer();
    rg = "/subscriptions/" + server.subscription() + "/resourceGroups/fz";
    accepted(server.put(rg + "?" + ArmTestServer.API, "{\"location\":\"eastus\"}"));
    for (Seed seed : seeds().subList(0, 5)) {
      accepted(server.put(seed.path(), seed.body()));
    }
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  static void accepted(ArmTestServer.Reply reply) {
    assertThat(reply.status()).as(reply.text()).isBetween(200, 299);
    String operation = reply.header("Azure-AsyncOperation");
    if (!operation.isEmpty()) {
      server.await(operation);
    }
  }

  static List<Seed> seeds() {
    String net = rg + "/providers/Microsoft.Network";
    String vnet = net + "/virtualNetworks/vnet";
    String acr = rg + "/providers/Microsoft.ContainerRegistry/registries/fzacr";
    String identity = rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1";
    return List.of(
        new Seed(vnet + "?api-version=2025-05-01", "{\"location\":\"eastus\",\"properties\":"
            + "{\"addressSpace\":{\"addressPrefixes\":[\"192.168.0.0/16\"]}}}"),
        new Seed(vnet + "/subnets/acr?api-version=2025-05-01", "{\"properties\":{\"addressPrefix\":"
            + "\"192.168.2.0/24\",\"privateEndpointNetworkPolicies\":\"Disabled\"}}"),
        new Seed(acr + "?api-version=2025-11-01", "{\"location\":\"eastus\",\"sku\":{\"name\":"
            + "\"Premium\"},\"properties\":{\"publicNetworkAccess\":\"Disabled\"}}"),
        new Seed(identity + "?api-version=2024-11-30", "{\"location\":\"eastus\"}"),
        new Seed(acr + "/cacheRules/mcr-all?api-version=2025-11-01", "{\"properties\":"
            + "{\"sourceRepository\":\"mcr.microsoft.com/*\",\"targetRepository\":\"mcr/*\"}}"),
        new Seed(vnet + "/subnets/aks?api-version=2025-05-01", "{\"properties\":{\"addressPrefix\":"
            + "\"192.168.1.0/24\",\"defaultOutboundAccess\":false}}"),
        new Seed(net + "/privateEndpoints/pe?api-version=2025-05-01", "{\"location\":\"eastus\","
            + "\"properties\":{\"subnet\":{\"id\":\"" + vnet + "/subnets/acr\"},"
            + "\"privateLinkServiceConnections\":[{\"name\":\"c\",\"properties\":{"
            + "\"privateLinkServiceId\":\"" + acr + "\",\"groupIds\":[\"registry\"]}}]}}"),
        new Seed(acr + "/providers/Microsoft.Authorization/roleAssignments/"
            + "0b1c2d3e-0000-4000-8000-000000000001?api-version=2022-04-01",
            "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/" + server.subscription()
                + "/providers/Microsoft.Authorization/roleDefinitions/"
                + "7f951dda-4ed3-4680-a7ca-43fe172d538d\",\"principalId\":"
                + "\"11111111-2222-4333-8444-555555555555\",\"principalType\":\"ServicePrincipal\"}}"),
        new Seed(rg + "/providers/Microsoft.ContainerService/managedClusters/aks?api-version=2025-10-01",
            "{\"location\":\"eastus\",\"identity\":{\"type\":\"UserAssigned\","
                + "\"userAssignedIdentities\":{\"" + identity + "\":{}}},\"properties\":{"
                + "\"dnsPrefix\":\"aks\",\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":1,"
                + "\"vmSize\":\"Standard_DS2_v2\",\"mode\":\"System\",\"vnetSubnetID\":\"" + vnet
                + "/subnets/aks\"}],\"networkProfile\":{\"outboundType\":\"none\"},"
                + "\"bootstrapProfile\":{\"artifactSource\":\"Cache\"}}}"));
  }

  @Provide
  Arbitrary<Request> requests() {
    List<String> paths = seeds().stream().map(Seed::path).toList();
    List<String> bodies = seeds().stream().map(Seed::body).toList();
    Arbitrary<String> target = Arbitraries.oneOf(Arbitraries.of(paths), Mutations.of(paths,
        List.of("?api-version=", "api-version=2099-01-01", "&$filter=", "atScope()",
            "principalId eq '", "%24filter", "providers", "/subscriptions/", "resourceGroups",
            "%2F", "%00", "..", "&api-version=2025-05-01")))
        .map(ArmHttpFuzzTest::escapeControls);
    Arbitrary<String> body = Arbitraries.oneOf(Arbitraries.of(bodies), Mutations.of(bodies,
        List.of("{", "}", "[", "]", ",", "null", "\"\"", "-1", "1e999", "true",
            "\"10.0.0.0/8\"", "\"0.0.0.0/0\"", "\"192.168.1.300/24\"", "\"*\"", "\"location\":",
            "\"properties\":", "[".repeat(3000), "{\"a\":".repeat(1200), "\"Premium\"",
            "\"Basic\"", "\"\\u0000\"")));
    Arbitrary<String> method = Arbitraries.of("PUT", "PUT", "PUT", "PATCH", "GET", "POST");
    Arbitrary<String> ifMatch = Arbitraries.of("", "", "*", "\"bogus\"", "W/\"x\"", "\u00e9");
    return Combinators.combine(method, target, ifMatch, body).as(Request::new);
  }

  @Fuzz
  void everyAnswerIsAnArmErrorOrSuccessAndARefusalChangesNothing(
      @ForAll("requests") Request request) {
    Map<String, String> before = snapshot();
    ArmTestServer.Reply reply;
    try {
      reply = send(request);
    } catch (IllegalArgumentException e) {
      // java.net.http refuses to send it (no URI, illegal header value): nothing reached Isla.
      Assume.that(false);
      return;
    } catch (java.io.UncheckedIOException e) {
      throw new AssertionError("no answer to " + escapeControls(request.toString()), e);
    }
    assertThat(reply.status()).as(reply.text()).isBetween(200, 499);
    if (reply.status() < 400) {
      String operation = reply.header("Azure-AsyncOperation");
      if (!operation.isEmpty()) {
        server.await(operation);
      }
      return;
    }
    JsonNode body = Json.parse(reply.text());
    JsonNode error = body.has("error") ? body.get("error") : body;
    assertThat(error.path("code").asText()).as(reply.text()).isNotBlank();
    assertThat(error.path("message").isTextual()).as(reply.text()).isTrue();
    assertThat(reply.text()).doesNotContain("\tat ", "Exception");
    assertThat(snapshot()).as("store after %s", reply.text()).isEqualTo(before);
  }

  /**
   * Control characters can't be put on a request line: the server sees their escapes. A lone
   * surrogate becomes '?' (java.net.http fails with a NullPointerException on one).
   */
  static String escapeControls(String text) {
    String target = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    target.chars().forEach(c -> out.append(c < 0x21 || c == 0x7f ? String.format("%%%02X", c)
        : String.valueOf((char) c)));
    return out.toString();
  }

  static ArmTestServer.Reply send(Request request) {
    String body = request.method().equals("GET") ? null : request.body();
    return request.ifMatch().isEmpty() ? server.send(request.method(), request.target(), body)
        : server.send(request.method(), request.target(), body, "If-Match", request.ifMatch());
  }

  static Map<String, String> snapshot() {
    Map<String, String> resources = new TreeMap<>();
    server.controlPlane().arm().store().list(ResourceQuery.all()).forEach(r ->
        resources.put(r.id().key(), r.etag() + " " + Json.write(r.body())));
    return resources;
  }
}
