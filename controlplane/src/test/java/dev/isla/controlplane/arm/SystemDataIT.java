package dev.isla.controlplane.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.controlplane.ArmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ARM's {@code systemData} on the types whose providers return it, through the unauthenticated
 * listener (no caller: times only): written by ARM, never by the client, creation half kept.
 */
class SystemDataIT {

  private ArmTestServer server;
  private String rg;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    rg = "/subscriptions/" + server.subscription() + "/resourceGroups/rg1";
    server.put(rg + "?api-version=2024-11-01", "{\"location\":\"eastus\"}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRegistryGetsSystemDataThatSurvivesItsCreationAndLaterWrites() throws Exception {
    String acr = rg + "/providers/Microsoft.ContainerRegistry/registries/sysdataacr?api-version=2025-11-01";
    ArmTestServer.Reply created = server.put(acr, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"},"
        + "\"systemData\":{\"createdBy\":\"mallory\",\"createdAt\":\"2001-01-01T00:00:00Z\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode first = created.json().path("systemData");
    assertThat(first.path("createdAt").asText()).isNotEqualTo("2001-01-01T00:00:00Z").isNotBlank();
    assertThat(first.has("createdBy")).as("no caller on the open listener").isFalse();
    server.await(created.header("Azure-AsyncOperation"));
    JsonNode finished = server.get(acr).json().path("systemData");
    assertThat(finished.path("createdAt").asText()).isEqualTo(first.path("createdAt").asText());

    Thread.sleep(5);
    ArmTestServer.Reply updated = server.put(acr, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"},"
        + "\"tags\":{\"env\":\"test\"}}");
    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    JsonNode later = server.get(acr).json().path("systemData");
    assertThat(later.path("createdAt").asText()).isEqualTo(first.path("createdAt").asText());
    assertThat(later.path("lastModifiedAt").asText()).isGreaterThan(first.path("lastModifiedAt").asText());
  }

  @Test
  void typesWhoseProvidersReturnNoneGetNoneEvenIfTheClientSendsIt() {
    String vnet = rg + "/providers/Microsoft.Network/virtualNetworks/v1?api-version=2024-05-01";
    ArmTestServer.Reply created = server.put(vnet, "{\"location\":\"eastus\",\"properties\":{"
        + "\"addressSpace\":{\"addressPrefixes\":[\"10.1.0.0/16\"]}},\"systemData\":{\"createdBy\":\"x\"}}");
    assertThat(created.status()).as(created.text()).isIn(200, 201);
    assertThat(server.get(vnet).json().has("systemData")).isFalse();
  }
}
