package dev.isla.controlplane.arm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.controlplane.ArmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ARM's {@code systemData} through the open gate (no caller): written by ARM only, never by the
 * client; types whose providers return none never get it.
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
  void aWriteWithoutACallerRecordsNoneAndAClientCannotWriteIt() {
    // The open gate names no caller, as for the engine's own writes: nothing to record; what
    // the client sent is dropped all the same (callers are covered by the launcher's SystemDataIT).
    String acr = rg + "/providers/Microsoft.ContainerRegistry/registries/sysdataacr?api-version=2025-11-01";
    ArmTestServer.Reply created = server.put(acr, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"},"
        + "\"systemData\":{\"createdBy\":\"mallory\",\"createdAt\":\"2001-01-01T00:00:00Z\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().has("systemData")).isFalse();
    server.await(created.header("Azure-AsyncOperation"));
    assertThat(server.get(acr).json().has("systemData")).isFalse();
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
