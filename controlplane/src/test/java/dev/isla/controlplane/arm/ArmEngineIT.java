package dev.isla.controlplane.arm;

import static dev.isla.controlplane.ArmTestServer.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.store.MemoryResourceStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArmEngineIT {

  private ArmTestServer server;
  private String sub;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    sub = "/subscriptions/" + server.subscription();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void resourceGroupLifecycleWithCascadingDeleteAsLongRunningOperation() {
    ArmTestServer.Reply created = server.put(sub + "/resourcegroups/rg1?" + API, "{\"location\":\"East US\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("id").asText()).isEqualTo(sub + "/resourceGroups/rg1");
    assertThat(created.json().path("location").asText()).isEqualTo("eastus");
    assertThat(created.json().path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(server.put(sub + "/resourceGroups/RG1?" + API, "{\"location\":\"eastus\"}").status()).isEqualTo(200);

    JsonNode got = server.get(sub + "/RESOURCEGROUPS/rg1?" + API).json();
    assertThat(got.path("name").asText()).isEqualTo("rg1");

    ArmTestServer.Reply deleting = server.send("DELETE", sub + "/resourceGroups/rg1?" + API, null);
    assertThat(deleting.status()).isEqualTo(202);
    assertThat(deleting.header("Location")).contains("/operationResults/");
    assertThat(deleting.header("Retry-After")).isEqualTo("1");
    JsonNode status = server.await(deleting.header("Azure-AsyncOperation"));
    assertThat(status.path("status").asText()).isEqualTo("Succeeded");
    assertThat(server.get(deleting.header("Location")).status()).isEqualTo(204);
    ArmTestServer.Reply gone = server.get(sub + "/resourceGroups/rg1?" + API);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("error").path("code").asText()).isEqualTo("ResourceGroupNotFound");
  }

  /**
   * SDK pollers (Java's waits 30 s by default) honour Retry-After on the response that starts an
   * operation and on each status that is not terminal; a finished status carries none.
   */
  @Test
  void unfinishedOperationsTellClientsWhenToPollAgain() {
    try (ArmTestServer slow = new ArmTestServer(new MemoryResourceStore(),
        ArmTestServer.fast().withOperationDelay(Duration.ofMillis(1500)))) {
      slow.put(sub + "/resourceGroups/rg1?" + API, "{\"location\":\"eastus\"}");
      ArmTestServer.Reply created = slow.put(sub + "/resourceGroups/rg1/providers/"
          + "Microsoft.ContainerRegistry/registries/pollacr?api-version=2025-11-01",
          "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"}}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      assertThat(created.header("Retry-After")).isEqualTo("1");
      String statusUrl = created.header("Azure-AsyncOperation");

      ArmTestServer.Reply running = slow.get(statusUrl);
      assertThat(running.json().path("status").asText()).isEqualTo("InProgress");
      assertThat(running.header("Retry-After")).isEqualTo("1");

      assertThat(slow.await(statusUrl).path("status").asText()).isEqualTo("Succeeded");
      ArmTestServer.Reply done = slow.get(statusUrl);
      assertThat(done.json().path("status").asText()).isEqualTo("Succeeded");
      assertThat(done.header("Retry-After")).isEmpty();
    }
  }

  /** The api-versions the Java SDK's management libraries send are advertised (docs/CLIENTS.md). */
  @Test
  void providerMetadataListsTheJavaSdkApiVersions() {
    assertThat(apiVersions("Microsoft.Resources", "resourceGroups")).contains("2025-04-01");
    assertThat(apiVersions("Microsoft.Network", "virtualNetworks")).contains("2025-03-01");
    assertThat(apiVersions("Microsoft.Network", "privateEndpoints")).contains("2025-03-01");
    assertThat(apiVersions("Microsoft.ContainerService", "managedClusters")).contains("2025-09-01");
    assertThat(apiVersions("Microsoft.ContainerService", "managedClusters/agentPools"))
        .contains("2025-09-01");
  }

  private java.util.List<String> apiVersions(String namespace, String type) {
    JsonNode provider = server.get(sub + "/providers/" + namespace + "?" + API).json();
    for (JsonNode t : provider.path("resourceTypes")) {
      if (t.path("resourceType").asText().equals(type)) {
        java.util.List<String> versions = new java.util.ArrayList<>();
        t.path("apiVersions").forEach(v -> versions.add(v.asText()));
        return versions;
      }
    }
    throw new AssertionError(namespace + " does not list " + type + ": " + provider);
  }

  /** CheckExistence as the SDKs call it: HEAD answers 204 for an existing resource, 404 if not. */
  @Test
  void headAnswers204ForWhatExistsAnd404ForWhatDoesNot() {
    server.put(sub + "/resourceGroups/rg1?" + API, "{\"location\":\"eastus\"}");
    ArmTestServer.Reply there = server.send("HEAD", sub + "/resourcegroups/rg1?" + API, null);
    assertThat(there.status()).isEqualTo(204);
    assertThat(there.text()).isEmpty();
    assertThat(server.send("HEAD", sub + "/resourcegroups/nope?" + API, null).status()).isEqualTo(404);
    String vnet = sub + "/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1"
        + "?api-version=2024-05-01";
    assertThat(server.send("HEAD", vnet, null).status()).isEqualTo(404);
    server.put(vnet, "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":"
        + "{\"addressPrefixes\":[\"10.9.0.0/16\"]}}}");
    assertThat(server.send("HEAD", vnet, null).status()).isEqualTo(204);
  }

  @Test
  void requestShapeErrorsAreArmErrors() {
    ArmTestServer.Reply noVersion = server.get(sub + "/resourceGroups/rg1");
    assertThat(noVersion.status()).isEqualTo(400);
    assertThat(noVersion.json().path("error").path("code").asText()).isEqualTo("MissingApiVersionParameter");

    ArmTestServer.Reply badJson = server.put(sub + "/resourceGroups/rg1?" + API, "{\"location\":");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.json().path("error").path("code").asText()).isEqualTo("InvalidRequestContent");
    assertThat(server.get(sub + "/resourceGroups/rg1?" + API).status()).isEqualTo(404);

    ArmTestServer.Reply badType = server.get(sub + "/resourceGroups/rg1/providers/Microsoft.Network/nope/x?" + API);
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.json().path("error").path("code").asText()).isEqualTo("InvalidResourceType");

    ArmTestServer.Reply otherSub = server.get("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups?" + API);
    assertThat(otherSub.json().path("error").path("code").asText()).isEqualTo("SubscriptionNotFound");

    ArmTestServer.Reply noLocation = server.put(sub + "/resourceGroups/rg1?" + API, "{}");
    assertThat(noLocation.json().path("error").path("code").asText()).isEqualTo("LocationRequired");
  }

  @Test
  void etagPreconditions() {
    ArmTestServer.Reply created = server.put(sub + "/resourceGroups/rg2?" + API, "{\"location\":\"westus\"}");
    String etag = created.header("ETag");
    assertThat(etag).isNotBlank();
    ArmTestServer.Reply wrong = server.send("PUT", sub + "/resourceGroups/rg2?" + API,
        "{\"location\":\"westus\",\"tags\":{\"a\":\"b\"}}", "If-Match", "\"nope\"");
    assertThat(wrong.status()).isEqualTo(412);
    assertThat(wrong.json().path("error").path("code").asText()).isEqualTo("PreconditionFailed");
    assertThat(server.get(sub + "/resourceGroups/rg2?" + API).json().path("tags").size()).isZero();
    ArmTestServer.Reply right = server.send("PUT", sub + "/resourceGroups/rg2?" + API,
        "{\"location\":\"westus\",\"tags\":{\"a\":\"b\"}}", "If-Match", etag);
    assertThat(right.status()).isEqualTo(200);
    assertThat(server.send("PUT", sub + "/resourceGroups/rg2?" + API, "{\"location\":\"westus\"}",
        "If-None-Match", "*").status()).isEqualTo(412);
  }

  @Test
  void featureRegistrationMovesThroughRegistering() throws Exception {
    String feature = sub + "/providers/Microsoft.Features/providers/Microsoft.ContainerService/features/NetworkIsolatedClusterPreview";
    assertThat(server.get(feature + "?api-version=2021-07-01").json().path("properties").path("state").asText())
        .isEqualTo("NotRegistered");
    JsonNode registering = server.send("POST", feature + "/register?api-version=2021-07-01", null).json();
    assertThat(registering.path("properties").path("state").asText()).isEqualTo("Registering");
    assertThat(registering.path("name").asText()).isEqualTo("Microsoft.ContainerService/NetworkIsolatedClusterPreview");
    String state = "";
    for (int i = 0; i < 100 && !state.equals("Registered"); i++) {
      Thread.sleep(20);
      state = server.get(feature + "?api-version=2021-07-01").json().path("properties").path("state").asText();
    }
    assertThat(state).isEqualTo("Registered");
    ArmTestServer.Reply unknown = server.get(sub + "/providers/Microsoft.Features/providers/Microsoft.ContainerService/features/Nope?api-version=2021-07-01");
    assertThat(unknown.status()).isEqualTo(404);
    JsonNode list = server.get(sub + "/providers/Microsoft.Features/providers/Microsoft.ContainerService/features?api-version=2021-07-01").json();
    assertThat(list.path("value").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void frontDoorAnswersMetadataSubscriptionsAndProviders() {
    assertThat(server.get("/subscriptions?api-version=2022-12-01").json().path("value").get(0).path("subscriptionId").asText())
        .isEqualTo(server.subscription());
    assertThat(server.get("/metadata/endpoints?api-version=2019-05-01").json().path("suffixes").path("acrLoginServer").asText())
        .isEqualTo("azurecr.io");
    JsonNode provider = server.get(sub + "/providers/Microsoft.ContainerService?" + API).json();
    assertThat(provider.path("registrationState").asText()).isEqualTo("Registered");
    assertThat(provider.path("resourceTypes").get(0).path("apiVersions").get(0).asText()).isEqualTo("2026-06-01");
    assertThat(server.send("POST", sub + "/providers/Microsoft.ContainerService/register?" + API, null).status()).isEqualTo(200);
    assertThat(server.get(sub + "/providers/Microsoft.Nope?" + API).json().path("error").path("code").asText())
        .isEqualTo("InvalidResourceNamespace");
  }
}
