package dev.isla.launcher.crash;

import dev.isla.launcher.crash.CrashLedger.ArmState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One ARM worker: in a fresh resource group per iteration, creates an identity, a VNet with a
 * subnet, a Premium registry, a cache rule and an AcrPull role assignment for the identity;
 * updates the identity and the VNet; deletes the assignment and the identity every other
 * iteration; creates and deletes an empty resource group. Every resource carries a marker the
 * audit compares after a restart.
 */
final class ArmWorkload {

  static final String RG_API = "?api-version=2024-11-01";
  static final String NET_API = "?api-version=2025-05-01";
  static final String ACR_API = "?api-version=2025-11-01";
  static final String MSI_API = "?api-version=2024-11-30";
  static final String AUTH_API = "?api-version=2022-04-01";
  static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
  private static final String TAG = "/tags/crash";
  private static final Duration LRO_BOUND = Duration.ofSeconds(30);

  private final ArmWrites writes;
  private final CrashServer.Endpoints ep;

  ArmWorkload(ArmWrites writes, CrashServer.Endpoints ep) {
    this.writes = writes;
    this.ep = ep;
  }

  void run(int worker, int cycle, BooleanSupplier stop) throws IOException, InterruptedException {
    for (int i = 0; !stop.getAsBoolean(); i++) {
      iteration("w" + worker + "c" + cycle + "n" + i, i);
    }
  }

  private void iteration(String key, int i) throws IOException, InterruptedException {
    String rg = ep.sub() + "/resourceGroups/crash-" + key;
    writes.put(rg + RG_API, tagged("crash-" + key, ""), ArmState.present(TAG, "crash-" + key));
    String identity = rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id" + MSI_API;
    String principal = writes.put(identity, tagged("id-" + key, ""), ArmState.present(TAG, "id-" + key))
        .json().path("properties").path("principalId").asText("");
    String vnet = rg + "/providers/Microsoft.Network/virtualNetworks/vnet" + NET_API;
    writes.awaitIfRunning(writes.put(vnet, vnetBody("vnet-" + key, i), ArmState.present(TAG, "vnet-" + key)), LRO_BOUND);
    String acrId = registryWithRule(rg, key);
    String assignment = acrId + "/providers/Microsoft.Authorization/roleAssignments/"
        + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + AUTH_API;
    if (!principal.isEmpty()) {
      writes.put(assignment, "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/" + ep.subscription()
          + "/providers/Microsoft.Authorization/roleDefinitions/" + ACR_PULL + "\",\"principalId\":\""
          + principal + "\",\"principalType\":\"ServicePrincipal\"}}",
          ArmState.present("/properties/principalId", principal));
    }
    writes.put(identity, tagged("id2-" + key, ""), ArmState.present(TAG, "id2-" + key));
    writes.awaitIfRunning(writes.put(vnet, vnetBody("vnet2-" + key, i), ArmState.present(TAG, "vnet2-" + key)), LRO_BOUND);
    if (i % 2 == 1) {
      writes.delete(assignment);
      writes.delete(identity);
    }
    String empty = ep.sub() + "/resourceGroups/crash-empty-" + key + RG_API;
    writes.put(empty, tagged("empty-" + key, ""), ArmState.present(TAG, "empty-" + key));
    writes.awaitIfRunning(writes.delete(empty), LRO_BOUND);
  }

  /** A Premium registry (LRO) with a cache rule for MCR (LRO), both awaited; the registry's id. */
  private String registryWithRule(String rg, String key) throws IOException, InterruptedException {
    String acrId = rg + "/providers/Microsoft.ContainerRegistry/registries/cr" + key;
    writes.awaitIfRunning(writes.put(acrId + ACR_API, tagged("acr-" + key, ",\"sku\":{\"name\":\"Premium\"}"),
        ArmState.present(TAG, "acr-" + key)), LRO_BOUND);
    String target = key + "/*";
    writes.awaitIfRunning(writes.put(acrId + "/cacheRules/mcr-all" + ACR_API,
        "{\"properties\":{\"sourceRepository\":\"mcr.microsoft.com/*\",\"targetRepository\":\"" + target + "\"}}",
        ArmState.present("/properties/targetRepository", target)), LRO_BOUND);
    return acrId;
  }

  static String tagged(String marker, String more) {
    return "{\"location\":\"eastus\",\"tags\":{\"crash\":\"" + marker + "\"}" + more + "}";
  }

  private static String vnetBody(String marker, int i) {
    String net = "10." + (i % 200) + ".";
    return tagged(marker, ",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"" + net
        + "0.0/16\"]},\"subnets\":[{\"name\":\"s1\",\"properties\":{\"addressPrefix\":\"" + net
        + "1.0/24\"}}]}");
  }
}
