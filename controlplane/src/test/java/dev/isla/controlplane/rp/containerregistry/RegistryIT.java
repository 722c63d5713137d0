package dev.isla.controlplane.rp.containerregistry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.ArmTestServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryIT {

  static final String API = "?api-version=2025-11-01";

  private ArmTestServer server;
  private String sub;
  private String rg;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    sub = "/subscriptions/" + server.subscription();
    rg = sub + "/resourceGroups/rg1";
    assertThat(server.put(rg + "?api-version=2024-11-01", "{\"location\":\"eastus\"}").status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String registry(String name) {
    return rg + "/providers/Microsoft.ContainerRegistry/registries/" + name;
  }

  private JsonNode create(String name, String sku, String properties) {
    Reply r = server.put(registry(name) + API, "{\"location\":\"eastus\",\"sku\":{\"name\":\"" + sku
        + "\"},\"properties\":" + properties + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    assertThat(server.await(r.header("Azure-AsyncOperation")).path("status").asText()).isEqualTo("Succeeded");
    return server.get(registry(name) + API).json();
  }

  static void assertError(Reply r, int status, String code, String messagePart) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.json().path("error").path("code").asText()).isEqualTo(code);
    assertThat(r.json().path("error").path("message").asText()).contains(messagePart);
  }

  @Test
  void seedCreateIsLongRunningAndPrivate() {
    Reply r = server.put(registry("MyIslaAcr") + API,
        "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"},\"properties\":{\"publicNetworkAccess\":\"Disabled\"}}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().path("properties").path("provisioningState").asText()).isEqualTo("Creating");
    assertThat(r.header("Azure-AsyncOperation")).contains("/operations/");
    assertThat(server.await(r.header("Azure-AsyncOperation")).path("status").asText()).isEqualTo("Succeeded");
    JsonNode got = server.get(registry("MyIslaAcr") + API).json();
    assertThat(got.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(got.path("properties").path("loginServer").asText()).isEqualTo("myislaacr.azurecr.io");
    assertThat(got.path("properties").path("publicNetworkAccess").asText()).isEqualTo("Disabled");
    assertThat(got.path("sku").path("tier").asText()).isEqualTo("Premium");
    assertThat(Registries.byLoginServer(server.controlPlane().arm().store(), "MYISLAACR.azurecr.io"))
        .get().extracting(Registry::isPublic).isEqualTo(false);
  }

  @Test
  void getMatchesTheGoldenShape() throws IOException {
    JsonNode got = create("goldenacr", "Premium", "{\"publicNetworkAccess\":\"Disabled\"}");
    ObjectNode masked = got.deepCopy();
    ObjectNode p = (ObjectNode) masked.get("properties");
    p.put("creationDate", "<date>");
    ((ObjectNode) p.path("policies").path("retentionPolicy")).put("lastUpdatedTime", "<date>");
    masked.put("id", masked.path("id").asText().replace(server.subscription(), "<sub>"));
    try (InputStream in = getClass().getResourceAsStream("/golden/registry-get.json")) {
      JsonNode golden = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(Json.pretty(masked)).isEqualTo(Json.pretty(golden));
    }
  }

  @Test
  void namesAreValidatedAndGloballyUnique() {
    assertError(server.put(registry("ab-cd") + API, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Basic\"}}"),
        400, "RegistryNameInvalid", "alpha numeric characters and must be between 5 and 50");
    assertError(server.put(registry("abcd") + API, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Basic\"}}"),
        400, "RegistryNameInvalid", "between 5 and 50");
    create("takenacr", "Basic", "{}");
    server.put(sub + "/resourceGroups/rg2?api-version=2024-11-01", "{\"location\":\"westus\"}");
    String other = sub + "/resourceGroups/rg2/providers/Microsoft.ContainerRegistry/registries/TakenAcr" + API;
    assertError(server.put(other, "{\"location\":\"westus\",\"sku\":{\"name\":\"Basic\"}}"),
        409, "AlreadyInUse", "The registry DNS name takenacr.azurecr.io is already in use.");
    assertThat(server.get(other).status()).isEqualTo(404);
    assertThat(server.get(registry("ab-cd") + API).status()).isEqualTo(404);
  }

  @Test
  void checkNameAvailabilityAnswersAsAcr() {
    create("usedname", "Basic", "{}");
    String url = sub + "/providers/Microsoft.ContainerRegistry/checkNameAvailability" + API;
    JsonNode used = server.send("POST", url, "{\"name\":\"UsedName\",\"type\":\"Microsoft.ContainerRegistry/registries\"}").json();
    assertThat(used.path("nameAvailable").asBoolean()).isFalse();
    assertThat(used.path("reason").asText()).isEqualTo("AlreadyExists");
    assertThat(used.path("message").asText()).isEqualTo("The registry UsedName is already in use.");
    JsonNode invalid = server.send("POST", url, "{\"name\":\"a_b\",\"type\":\"Microsoft.ContainerRegistry/registries\"}").json();
    assertThat(invalid.path("reason").asText()).isEqualTo("Invalid");
    JsonNode free = server.send("POST", url, "{\"name\":\"freename\",\"type\":\"Microsoft.ContainerRegistry/registries\"}").json();
    assertThat(free.path("nameAvailable").asBoolean()).isTrue();
    assertError(server.send("POST", url, "{\"name\":\"freename\",\"type\":\"Microsoft.Nope/x\"}"), 400,
        "InvalidParameter", "Microsoft.Nope/x");
  }

  @Test
  void skuRules() {
    String basic = "{\"location\":\"eastus\",\"sku\":{\"name\":\"%s\"},\"properties\":%s}";
    assertError(server.put(registry("classicacr") + API, basic.formatted("Classic", "{}")), 400, "InvalidSku", "'Classic'");
    assertError(server.put(registry("noskuacr") + API, "{\"location\":\"eastus\"}"), 400, "InvalidParameter", "'sku'");
    assertError(server.put(registry("anonacr") + API, basic.formatted("Basic", "{\"anonymousPullEnabled\":true}")),
        400, "BadRequest", "Anonymous pull is not supported for SKU Managed_Basic.");
    assertError(server.put(registry("privacr") + API, basic.formatted("Standard", "{\"publicNetworkAccess\":\"Disabled\"}")),
        400, "FeatureNotSupportedForSku", "public network access");
    assertError(server.put(registry("zoneacr") + API, basic.formatted("Basic", "{\"zoneRedundancy\":\"Enabled\"}")),
        400, "FeatureNotSupportedForSku", "Zone redundancy");
    assertError(server.put(registry("ruleacr") + API,
        basic.formatted("Basic", "{\"networkRuleSet\":{\"defaultAction\":\"Deny\"}}")), 400, "FeatureNotSupportedForSku", "Network rules");
    assertError(server.put(registry("badenum") + API, basic.formatted("Premium", "{\"publicNetworkAccess\":\"Sometimes\"}")),
        400, "InvalidParameter", "Sometimes");
    for (String name : List.of("classicacr", "noskuacr", "anonacr", "privacr", "zoneacr", "ruleacr", "badenum")) {
      assertThat(server.get(registry(name) + API).status()).isEqualTo(404);
    }
    JsonNode standard = create("stdacr", "standard", "{\"anonymousPullEnabled\":true}");
    assertThat(standard.path("sku").path("name").asText()).isEqualTo("Standard");
    assertThat(standard.path("properties").path("anonymousPullEnabled").asBoolean()).isTrue();
  }

  @Test
  void patchGoesThroughTheSameRules() {
    create("patchacr", "Basic", "{}");
    Reply anon = server.send("PATCH", registry("patchacr") + API, "{\"properties\":{\"anonymousPullEnabled\":true}}");
    assertError(anon, 400, "BadRequest", "Managed_Basic");
    assertThat(server.get(registry("patchacr") + API).json().path("properties").path("anonymousPullEnabled").asBoolean()).isFalse();
    Reply upgraded = server.send("PATCH", registry("patchacr") + API,
        "{\"sku\":{\"name\":\"Premium\"},\"properties\":{\"anonymousPullEnabled\":true,\"adminUserEnabled\":true}}");
    assertThat(upgraded.status()).as(upgraded.text()).isEqualTo(200);
    JsonNode got = server.get(registry("patchacr") + API).json();
    assertThat(got.path("sku").path("tier").asText()).isEqualTo("Premium");
    assertThat(got.path("properties").path("anonymousPullEnabled").asBoolean()).isTrue();
    assertThat(got.path("properties").path("adminUserEnabled").asBoolean()).isTrue();
    assertThat(got.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
  }

  private ResourceId privateEndpoint(String registryName) {
    ResourceId pe = ResourceId.of(server.subscription(), "rg1", "Microsoft.Network", "privateEndpoints", "myPrivateEndpoint");
    ObjectNode body = Json.object();
    body.put("location", "eastus");
    ObjectNode link = body.putObject("properties").putArray("privateLinkServiceConnections").addObject();
    link.put("name", "myConnection");
    link.putObject("properties").put("privateLinkServiceId",
        ResourceId.of(server.subscription(), "rg1", "Microsoft.ContainerRegistry", "registries", registryName).toString())
        .putArray("groupIds").add("registry");
    server.controlPlane().arm().store().transaction(tx -> tx.put(pe, ResourceTypes.PRIVATE_ENDPOINTS.key(), body));
    return pe;
  }

  @Test
  void privateEndpointConnectionsAndDataEndpointAreDerived() {
    create("peacr", "Premium", "{\"publicNetworkAccess\":\"Disabled\"}");
    ResourceId pe = privateEndpoint("peacr");
    JsonNode p = server.get(registry("peacr") + API).json().path("properties");
    assertThat(p.path("dataEndpointEnabled").asBoolean()).isTrue();
    assertThat(p.path("dataEndpointHostNames").get(0).asText()).isEqualTo("peacr.eastus.data.azurecr.io");
    JsonNode connection = p.path("privateEndpointConnections").get(0);
    assertThat(connection.path("id").asText()).startsWith(registry("peacr") + "/privateEndpointConnections/myPrivateEndpoint.");
    assertThat(connection.path("properties").path("privateEndpoint").path("id").asText()).isEqualTo(pe.toString());
    assertThat(connection.path("properties").path("privateLinkServiceConnectionState").path("description").asText())
        .isEqualTo("Auto-Approved");
    assertThat(connection.path("properties").path("groupIds").get(0).asText()).isEqualTo("registry");
    Registry value = Registries.byLoginServer(server.controlPlane().arm().store(), "peacr.eastus.data.azurecr.io").orElseThrow();
    assertThat(value.privateEndpointIds()).containsExactly(pe);

    Reply downgrade = server.send("PATCH", registry("peacr") + API, "{\"sku\":{\"name\":\"Standard\"},\"properties\":{\"publicNetworkAccess\":\"Enabled\"}}");
    assertError(downgrade, 400, "FeatureNotSupportedForSku", "Private endpoints");
    assertThat(server.get(registry("peacr") + API).json().path("sku").path("name").asText()).isEqualTo("Premium");
  }

  @Test
  void deleteRemovesCacheRulesAndDisconnectsEndpoints() {
    create("delacr", "Premium", "{}");
    ResourceId pe = privateEndpoint("delacr");
    Reply rule = server.put(registry("delacr") + "/cacheRules/acr-cache-rule" + API,
        "{\"properties\":{\"sourceRepository\":\"mcr.microsoft.com/*\",\"targetRepository\":\"*\"}}");
    server.await(rule.header("Azure-AsyncOperation"));
    assertThat(server.send("DELETE", registry("delacr") + API, null).status()).isEqualTo(200);
    assertThat(server.get(registry("delacr") + API).status()).isEqualTo(404);
    var store = server.controlPlane().arm().store();
    assertThat(store.list(dev.isla.controlplane.store.ResourceQuery.all()
        .withUnder(ResourceId.parse(registry("delacr"))))).isEmpty();
    assertThat(store.get(pe).orElseThrow().body().path("properties").path("privateLinkServiceConnections").get(0)
        .path("properties").path("privateLinkServiceConnectionState").path("status").asText()).isEqualTo("Disconnected");
    JsonNode again = create("delacr", "Premium", "{}");
    assertThat(again.path("properties").path("privateEndpointConnections")).isEmpty();
  }

  @Test
  void usagesAndPrivateLinkResources() {
    create("usageacr", "Premium", "{}");
    JsonNode usages = server.get(registry("usageacr") + "/listUsages" + API).json();
    assertThat(usages.path("value").get(0).path("name").asText()).isEqualTo("Size");
    assertThat(usages.path("value").get(0).path("limit").asLong()).isEqualTo(500L * 1024 * 1024 * 1024);
    assertThat(usages.path("value").findValuesAsText("name"))
        .containsExactly("Size", "Webhooks", "ScopeMaps", "Tokens");
    // The control plane alone has no registry data plane: nothing is stored.
    assertThat(usages.path("value").findValuesAsText("currentValue")).containsOnly("0");
    JsonNode list = server.get(registry("usageacr") + "/privateLinkResources" + API).json();
    assertThat(list.path("value").get(0).path("properties").path("requiredMembers").toString())
        .isEqualTo("[\"registry\",\"registry_data_eastus\"]");
    JsonNode one = server.get(registry("usageacr") + "/privateLinkResources/registry" + API).json();
    assertThat(one.path("properties").path("requiredZoneNames").get(0).asText()).isEqualTo("privatelink.azurecr.io");
    assertThat(server.get(registry("usageacr") + "/privateLinkResources/nope" + API).status()).isEqualTo(404);
    assertThat(server.get(registry("missingacr") + "/listUsages" + API).status()).isEqualTo(404);
  }
}
