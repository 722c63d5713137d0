package dev.isla.controlplane.rp.containerservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.store.ResourceStore;
import java.util.UUID;

/**
 * Shared setup of the AKS component tests: a server, requests in az's shape, and the resources
 * of the seed's BYO steps (VNet, subnets, registry, identities, role assignments). Those are
 * written straight into the store with their type keys, as their own providers would store them.
 */
final class AksFixture implements AutoCloseable {

  static final String API = "api-version=2025-10-01";

  final ArmTestServer server;
  final String sub;
  final String rg;

  AksFixture(ArmTestServer server) {
    this.server = server;
    this.sub = server.subscription();
    this.rg = "/subscriptions/" + sub + "/resourceGroups/rg1";
    assertThat(server.put(rg + "?" + ArmTestServer.API, "{\"location\":\"eastus\"}").status()).isEqualTo(201);
  }

  AksFixture() {
    this(new ArmTestServer());
  }

  String cluster(String name) {
    return rg + "/providers/Microsoft.ContainerService/managedClusters/" + name;
  }

  ArmTestServer.Reply put(String name, String properties) {
    return put(name, properties, "");
  }

  /** PUT of a cluster; {@code extra} is more top-level JSON (e.g. {@code ,"identity":{…}}). */
  ArmTestServer.Reply put(String name, String properties, String extra) {
    return server.put(cluster(name) + "?" + API, "{\"location\":\"eastus\"" + extra + ",\"properties\":{" + properties + "}}");
  }

  /** PUT, await its operation, return the final GET. */
  JsonNode create(String name, String properties, String extra) {
    ArmTestServer.Reply r = put(name, properties, extra);
    assertThat(r.status()).as(r.text()).isIn(200, 201);
    JsonNode status = server.await(r.header("Azure-AsyncOperation"));
    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("Succeeded");
    return get(name);
  }

  JsonNode create(String name, String properties) {
    return create(name, properties, "");
  }

  JsonNode get(String name) {
    return server.get(cluster(name) + "?" + API).json();
  }

  /** az aks update: GET, change, PUT; waits for the operation. */
  JsonNode update(String name, java.util.function.Consumer<ObjectNode> change) {
    ArmTestServer.Reply r = updateReply(name, change);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode status = server.await(r.header("Azure-AsyncOperation"));
    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("Succeeded");
    return get(name);
  }

  ArmTestServer.Reply updateReply(String name, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode body = (ObjectNode) get(name);
    change.accept(body);
    return server.put(cluster(name) + "?" + API, Json.write(body));
  }

  void register(String feature) {
    String path = "/subscriptions/" + sub + "/providers/Microsoft.Features/providers/Microsoft.ContainerService/features/"
        + feature;
    server.send("POST", path + "/register?api-version=2021-07-01", null);
    for (int i = 0; i < 200; i++) {
      if (server.get(path + "?api-version=2021-07-01").json().path("properties").path("state").asText().equals("Registered")) {
        return;
      }
      sleep(10);
    }
    throw new AssertionError(feature + " never Registered");
  }

  void registerIsolation() {
    register(ClusterRules.ISOLATION_FEATURE);
  }

  ResourceStore store() {
    return server.controlPlane().arm().store();
  }

  /** Writes a resource as its provider would have stored it. */
  ResourceId seed(String id, String typeKey, String json) {
    ResourceId parsed = ResourceId.parse(id);
    ObjectNode body = (ObjectNode) Json.parse(json);
    body.put("id", id);
    body.put("name", parsed.name());
    store().transaction(tx -> tx.put(parsed, typeKey, body));
    return parsed;
  }

  String vnet() {
    return rg + "/providers/Microsoft.Network/virtualNetworks/vnet";
  }

  /** The seed's step 1: VNet 192.168.0.0/16 with the AKS, ACR and API server subnets. */
  void byoNetwork() {
    seed(vnet(), "microsoft.network/virtualnetworks", "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"192.168.0.0/16\"]}}}");
    subnet("aks-subnet", "192.168.1.0/24");
    subnet("acr-subnet", "192.168.2.0/24");
    subnet("apiserver-subnet", "192.168.3.0/24");
  }

  String subnet(String name, String prefix) {
    String id = vnet() + "/subnets/" + name;
    seed(id, LinkedResourceRules.SUBNET_TYPE, "{\"properties\":{\"addressPrefix\":\"" + prefix + "\"}}");
    return id;
  }

  String subnetId(String name) {
    return vnet() + "/subnets/" + name;
  }

  /** A user-assigned identity; returns its principal id. */
  String identity(String name) {
    String principal = UUID.randomUUID().toString();
    seed(identityId(name), ClusterIdentities.IDENTITY_TYPE, "{\"location\":\"eastus\",\"properties\":{\"tenantId\":\""
        + server.controlPlane().arm().settings().tenantId() + "\",\"principalId\":\"" + principal
        + "\",\"clientId\":\"" + UUID.randomUUID() + "\"}}");
    return principal;
  }

  String identityId(String name) {
    return rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
  }

  String registry(String name, String sku) {
    String id = rg + "/providers/Microsoft.ContainerRegistry/registries/" + name;
    seed(id, LinkedResourceRules.REGISTRY_TYPE, "{\"location\":\"eastus\",\"sku\":{\"name\":\"" + sku
        + "\"},\"properties\":{\"loginServer\":\"" + name.toLowerCase() + ".azurecr.io\"}}");
    return id;
  }

  void cacheRule(String registryId, String name, String target) {
    seed(registryId + "/cacheRules/" + name, ClusterBootstrap.CACHE_RULE_TYPE,
        "{\"properties\":{\"sourceRepository\":\"mcr.microsoft.com/*\",\"targetRepository\":\"" + target + "\"}}");
  }

  void roleAssignment(String scope, String principalId, String roleGuid) {
    seed(scope + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID(),
        LinkedResourceRules.ROLE_ASSIGNMENT_TYPE, "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/" + sub
            + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid + "\",\"principalId\":\""
            + principalId + "\",\"principalType\":\"ServicePrincipal\"}}");
  }

  /** Asserts AKS's flat error body and status. */
  static void assertAksError(ArmTestServer.Reply r, int status, String code, String messagePart) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    JsonNode body = r.json();
    assertThat(body.has("error")).as("flat body").isFalse();
    assertThat(body.path("code").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).contains(messagePart);
    assertThat(body.path("subcode").isTextual()).isTrue();
    assertThat(body.has("details")).isTrue();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
