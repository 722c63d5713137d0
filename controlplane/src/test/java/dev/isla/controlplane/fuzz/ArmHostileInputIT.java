package dev.isla.controlplane.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.Json;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.store.ResourceQuery;
import java.util.Map;
import java.util.Optional;
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
    assertThat(errorCode(reply))
        .as(method + " " + path.substring(0, Math.min(200, path.length())) + " -> " + reply.status() + " " + reply.text()).isNotBlank();
    assertThat(snapshot()).isEqualTo(before);
    return reply;
  }

  /** The error code, in ARM's wrapped format or Microsoft.ContainerService's flat one. */
  static String errorCode(ArmTestServer.Reply reply) {
    var json = reply.json();
    return (json.has("error") ? json.path("error") : json).path("code").asText();
  }

  static Map<String, String> snapshot() {
    return snapshotOf(server);
  }

  /** Every stored resource with its ETag and body. */
  static Map<String, String> snapshotOf(ArmTestServer server) {
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

  /** Found by the trailing-text check: {@code Json.parse} read {@code {..} x} as {@code {..}}. */
  @Test
  void trailingTextAfterTheBodyIsInvalidRequestContent() {
    for (String tail : new String[] {" x", "{}", " ,", "]", " \"a\"", " null", "\u0000"}) {
      ArmTestServer.Reply reply = refused("PUT", vnet + "?api-version=2025-05-01",
          "{\"location\":\"eastus\"}" + tail);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.json().path("error").path("code").asText()).isEqualTo("InvalidRequestContent");
      assertThat(reply.json().path("error").path("message").asText())
          .contains("Unexpected text after the JSON value");
    }
    assertThat(server.get(vnet + "?api-version=2025-05-01").status()).isEqualTo(404);
  }

  /** Every declared type, PUT and PATCH with bodies that are no JSON: InvalidRequestContent. */
  @Test
  void malformedJsonOnEveryResourceTypeIsInvalidRequestContent() {
    String[] broken = {"{", "{\"location\":}", "{'location':'eastus'}", "{\"location\":\"eastus\",}",
        "{\"a\":1,\"a\":2}", "{\"location\":\"eastus\"} x", "\u0000", "[", "{\"a\":1e99999}",
        "{\"tags\":{\"a\":\"\\u12\"}}"};
    for (ResourceType type : ResourceTypes.all()) {
      Optional<String> path = pathOf(type);
      if (path.isEmpty()) {
        continue;
      }
      for (String method : new String[] {"PUT", "PATCH"}) {
        for (String body : broken) {
          ArmTestServer.Reply reply = refused(method, path.get(), body);
          assertThat(errorCode(reply))
              .as(method + " " + type.fullName() + " " + body + " -> " + reply.text())
              .isIn("InvalidRequestContent", "HttpMethodNotSupported");
        }
        for (String notAnObject : new String[] {"[]", "null", "\"s\"", "1", "true"}) {
          refused(method, path.get(), notAnObject);
        }
      }
    }
  }

  /** A path of {@code type} under the test's resource group (or scope), in its newest version. */
  static Optional<String> pathOf(ResourceType type) {
    String sub = "/subscriptions/" + server.subscription();
    String rg = sub + "/resourceGroups/hi";
    String query = "?api-version=" + type.newestApiVersion();
    StringBuilder names = new StringBuilder();
    int n = 0;
    for (String segment : type.segments()) {
      names.append('/').append(segment).append("/n").append(n++);
    }
    return switch (type.scope()) {
      case TENANT -> Optional.empty();
      case SUBSCRIPTION -> type == ResourceTypes.RESOURCE_GROUPS
          ? Optional.of(sub + "/resourceGroups/other" + query)
          : Optional.of(sub + "/providers/" + type.namespace() + names + query);
      case RESOURCE_GROUP -> Optional.of(rg + "/providers/" + type.namespace() + names + query);
      case EXTENSION -> Optional.of(vnet + "/providers/" + type.namespace() + "/"
          + type.segments().getFirst() + "/0b1c2d3e-0000-4000-8000-00000000000" + n + query);
    };
  }

  /** {@code $top} is a page size, {@code $skiptoken} only what a nextLink carried. */
  @Test
  void badTopAndSkipTokenOnListsAreInvalidQueryParameterValue() {
    String sub = "/subscriptions/" + server.subscription();
    String[] lists = {sub + "/resourcegroups?api-version=2024-11-01",
        sub + "/resourceGroups/hi/providers/Microsoft.Network/virtualNetworks?api-version=2025-05-01",
        sub + "/resources?api-version=2024-11-01",
        sub + "/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01"};
    String[] tops = {"abc", "-1", "0", "1.5", "1e3", "", "%00", "0x10", "1%202"};
    String[] tokens = {"garbage", "", "%2e%2e", "b3!", "bzk5OTk5OTk5OTk5", "o1", "b2FiYw", "A".repeat(3_000)};
    for (String list : lists) {
      for (String top : tops) {
        assertThat(refused("GET", list + "&$top=" + top, null).json().path("error")
            .path("code").asText()).as(list + " $top=" + top).isEqualTo("InvalidQueryParameterValue");
      }
      for (String token : tokens) {
        assertThat(refused("GET", list + "&$skiptoken=" + token, null).json().path("error")
            .path("code").asText()).as(list + " $skiptoken=" + token)
            .isEqualTo("InvalidQueryParameterValue");
      }
      // Above the 4 KiB request line the HTTP layer reads: ARM's error all the same.
      ArmTestServer.Reply huge = refused("GET", list + "&$skiptoken=" + "A".repeat(10 * 1024), null);
      assertThat(huge.status()).isEqualTo(414);
      assertThat(errorCode(huge)).isEqualTo("BadRequest");
      assertThat(server.get(list + "&$top=999999999999").status()).isEqualTo(200);
      assertThat(server.get(list + "&$top=" + "9".repeat(200)).status()).isEqualTo(200);
    }
  }

  /** A page of one resource group at a time reaches every group through its nextLinks. */
  @Test
  void topPagesAndNextLinksReachTheWholeList() {
    String sub = "/subscriptions/" + server.subscription();
    for (String name : new String[] {"page1", "page2", "page3"}) {
      server.put(sub + "/resourceGroups/" + name + "?" + ArmTestServer.API, "{\"location\":\"eastus\"}");
    }
    int all = server.get(sub + "/resourcegroups?api-version=2024-11-01").json().path("value").size();
    String link = sub + "/resourcegroups?api-version=2024-11-01&$top=1";
    int seen = 0;
    while (link != null && seen <= all) {
      var page = server.get(link).json();
      assertThat(page.path("value").size()).isEqualTo(1);
      seen++;
      link = page.has("nextLink") ? page.path("nextLink").asText() : null;
    }
    assertThat(seen).isEqualTo(all);
  }
}
