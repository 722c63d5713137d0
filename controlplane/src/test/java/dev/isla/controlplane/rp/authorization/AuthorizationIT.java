package dev.isla.controlplane.rp.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.ArmTestServer.Reply;
import dev.isla.controlplane.store.ResourceStore;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizationIT {

  private static final String API = "?api-version=2022-04-01";
  private static final String AUTHZ = "/providers/Microsoft.Authorization/";

  private ArmTestServer server;
  private String sub;
  private String rg;
  private String registry;
  private String kubelet;
  private String cluster;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    sub = "/subscriptions/" + server.subscription();
    rg = sub + "/resourceGroups/rg1";
    server.put(rg + "?api-version=2024-11-01", "{\"location\":\"eastus\"}");
    registry = rg + "/providers/Microsoft.ContainerRegistry/registries/authzacr";
    server.await(server.put(registry + "?api-version=2025-11-01",
        "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"}}").header("Azure-AsyncOperation"));
    kubelet = identity("id-kubelet");
    cluster = identity("id-cluster");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String identity(String name) {
    return server.put(rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name
        + "?api-version=2024-11-30", "{}").json().path("properties").path("principalId").asText();
  }

  private ResourceStore store() {
    return server.controlPlane().arm().store();
  }

  private Reply assign(String scope, String name, String roleId, String principal) {
    return server.put(scope + AUTHZ + "roleAssignments/" + name + API, "{\"properties\":{\"roleDefinitionId\":\""
        + roleId + "\",\"principalId\":\"" + principal + "\",\"principalType\":\"ServicePrincipal\"}}");
  }

  private static void assertError(Reply r, int status, String code, String message) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.json().path("error").path("code").asText()).isEqualTo(code);
    assertThat(r.json().path("error").path("message").asText()).contains(message);
  }

  @Test
  void seedAcrPullAsAzCliDoesIt() {
    JsonNode found = server.get(registry + AUTHZ + "roleDefinitions" + API + "&$filter=roleName%20eq%20'acrpull'").json();
    assertThat(found.path("value").size()).isEqualTo(1);
    JsonNode role = found.path("value").get(0);
    String roleId = role.path("id").asText();
    assertThat(roleId).isEqualTo(sub + AUTHZ + "roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d");
    assertThat(role.path("properties").path("permissions").get(0).path("actions").get(0).asText())
        .isEqualTo("Microsoft.ContainerRegistry/registries/pull/read");
    assertThat(role.path("properties").path("type").asText()).isEqualTo("BuiltInRole");

    String name = UUID.randomUUID().toString();
    Reply created = assign(registry, name, roleId, kubelet);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode p = created.json().path("properties");
    assertThat(created.json().path("id").asText()).isEqualTo(registry + AUTHZ + "roleAssignments/" + name);
    assertThat(created.json().path("type").asText()).isEqualTo("Microsoft.Authorization/roleAssignments");
    assertThat(p.path("scope").asText()).isEqualTo(registry);
    assertThat(p.path("principalType").asText()).isEqualTo("ServicePrincipal");
    assertThat(p.path("roleDefinitionId").asText()).isEqualTo(roleId);
    for (String field : new String[] {"condition", "conditionVersion", "createdBy", "updatedBy",
        "delegatedManagedIdentityResourceId", "description"}) {
      assertThat(p.has(field)).as(field).isTrue();
    }
    assertThat(p.path("createdOn").asText()).isNotBlank();

    ResourceId registryId = ResourceId.parse(registry);
    assertThat(Authorization.canPull(store(), kubelet, registryId)).isTrue();
    assertThat(Authorization.canPush(store(), kubelet, registryId)).isFalse();
    assertThat(Authorization.canPull(store(), cluster, registryId)).isFalse();
  }

  @Test
  void networkContributorOnASubnetScope() {
    ResourceId vnet = ResourceId.of(server.subscription(), "rg1", "Microsoft.Network", "virtualNetworks", "vnet");
    ResourceId subnet = vnet.child("subnets", "apiserver");
    store().transaction(tx -> {
      tx.put(vnet, ResourceTypes.VIRTUAL_NETWORKS.key(), Json.object().put("location", "eastus"));
      return tx.put(subnet, ResourceTypes.SUBNETS.key(), Json.object());
    });
    String role = "/subscriptions/" + server.subscription() + AUTHZ + "roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7";
    Reply r = assign(subnet.toString(), UUID.randomUUID().toString(), role, cluster);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    assertThat(Authorization.actionsOf(store(), cluster, subnet).allows("Microsoft.Network/virtualNetworks/subnets/join/action")).isTrue();
    assertThat(Authorization.actionsOf(store(), cluster, vnet).roles()).isEmpty();
    assertThat(server.get(subnet + AUTHZ + "roleAssignments" + API).json().path("value").size()).isEqualTo(1);

    store().transaction(tx -> tx.delete(subnet));
    Reply missing = assign(subnet.toString(), UUID.randomUUID().toString(), role, kubelet);
    assertError(missing, 404, "ResourceNotFound", "Microsoft.Network/virtualNetworks/subnets/apiserver");
    Reply noGroup = assign(sub + "/resourceGroups/nogroup", UUID.randomUUID().toString(), role, kubelet);
    assertError(noGroup, 404, "ResourceGroupNotFound", "nogroup");
  }

  @Test
  void assignmentRulesAndErrors() {
    String acrPull = "/subscriptions/" + server.subscription() + AUTHZ + "roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d";
    assertError(assign(registry, "not-a-guid", acrPull, kubelet), 400, "InvalidRoleAssignmentId", "must be a GUID");
    String unknownRole = "/subscriptions/x" + AUTHZ + "roleDefinitions/" + UUID.randomUUID();
    assertError(assign(registry, UUID.randomUUID().toString(), unknownRole, kubelet), 400, "RoleDefinitionDoesNotExist", unknownRole);
    String stranger = UUID.randomUUID().toString();
    assertError(assign(registry, UUID.randomUUID().toString(), acrPull, stranger), 400, "PrincipalNotFound",
        "Principal " + stranger + " does not exist in the directory " + server.controlPlane().arm().settings().tenantId());
    assertError(assign(registry, UUID.randomUUID().toString(), acrPull, "nope"), 400, "InvalidPrincipalId", "valid principal ID");
    assertThat(server.get(registry + AUTHZ + "roleAssignments" + API).json().path("value").size()).isZero();

    String name = UUID.randomUUID().toString();
    assertThat(assign(registry, name, "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d",
        kubelet).status()).isEqualTo(201);
    assertThat(assign(registry, name, acrPull, kubelet).status()).isEqualTo(200);
    assertError(assign(registry, UUID.randomUUID().toString(), acrPull, kubelet), 409, "RoleAssignmentExists",
        "The role assignment already exists.");
    String acrPush = acrPull.replace("7f951dda-4ed3-4680-a7ca-43fe172d538d", "8311e382-0749-4cb8-b61a-304f252e45ec");
    assertError(assign(registry, name, acrPush, kubelet), 400, "RoleAssignmentUpdateNotPermitted",
        "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
    assertThat(server.get(registry + AUTHZ + "roleAssignments/" + name + API).json().path("properties")
        .path("roleDefinitionId").asText()).endsWith("7f951dda-4ed3-4680-a7ca-43fe172d538d");
    assertThat(server.get(registry + AUTHZ + "roleAssignments" + API).json().path("value").size()).isEqualTo(1);
  }

  @Test
  void listsFollowArmScopeSemantics() {
    String role = sub + AUTHZ + "roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7";
    assertThat(assign(sub, UUID.randomUUID().toString(), role, cluster).status()).isEqualTo(201);
    assertThat(assign(rg, UUID.randomUUID().toString(), role, kubelet).status()).isEqualTo(201);
    String onRegistry = UUID.randomUUID().toString();
    assertThat(assign(registry, onRegistry, sub + AUTHZ + "roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d", kubelet)
        .status()).isEqualTo(201);

    assertThat(server.get(rg + AUTHZ + "roleAssignments" + API).json().path("value").size()).isEqualTo(3);
    assertThat(server.get(rg + AUTHZ + "roleAssignments" + API + "&$filter=atScope()").json().path("value").size()).isEqualTo(2);
    assertThat(server.get(registry + AUTHZ + "roleAssignments" + API).json().path("value").size()).isEqualTo(3);
    assertThat(server.get(sub + AUTHZ + "roleAssignments" + API).json().path("value").size()).isEqualTo(3);
    assertThat(server.get(sub + AUTHZ + "roleAssignments" + API + "&$filter=principalId%20eq%20'" + kubelet + "'")
        .json().path("value").size()).isEqualTo(2);
    assertThat(server.get(sub + AUTHZ + "roleAssignments" + API + "&$filter=atScope()%20and%20assignedTo('" + kubelet + "')")
        .json().path("value").size()).isZero();
    assertError(server.get(sub + AUTHZ + "roleAssignments" + API + "&$filter=roleName%20eq%20'x'"), 400,
        "InvalidFilterInQueryString", "roleName eq 'x'");
    assertThat(Authorization.canPull(store(), cluster, ResourceId.parse(registry))).isTrue();

    assertThat(server.send("DELETE", registry + AUTHZ + "roleAssignments/" + onRegistry + API, null).status()).isEqualTo(200);
    assertThat(server.get(registry + AUTHZ + "roleAssignments/" + onRegistry + API).status()).isEqualTo(404);
    assertThat(Authorization.canPull(store(), kubelet, ResourceId.parse(registry))).isTrue();
  }

  @Test
  void assignmentsGoWithTheirScope() {
    String name = UUID.randomUUID().toString();
    assign(registry, name, sub + AUTHZ + "roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d", kubelet);
    assertThat(server.send("DELETE", registry + "?api-version=2025-11-01", null).status()).isEqualTo(200);
    assertThat(store().get(ResourceId.parse(registry + AUTHZ + "roleAssignments/" + name))).isEmpty();
    assertThat(Authorization.canPull(store(), kubelet, ResourceId.parse(registry))).isFalse();
  }

  @Test
  void roleDefinitionsAreReadOnlyBuiltIns() {
    JsonNode byId = server.get(registry + AUTHZ + "roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635" + API).json();
    assertThat(byId.path("properties").path("roleName").asText()).isEqualTo("Owner");
    assertThat(byId.path("properties").path("assignableScopes").get(0).asText()).isEqualTo("/");
    assertThat(server.get(sub + AUTHZ + "roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c" + API).json()
        .path("properties").path("permissions").get(0).path("notActions").get(0).asText())
        .isEqualTo("Microsoft.Authorization/*/Delete");
    assertError(server.get(sub + AUTHZ + "roleDefinitions/" + UUID.randomUUID() + API), 404, "RoleDefinitionDoesNotExist", "does not exist");
    assertThat(server.get(sub + AUTHZ + "roleDefinitions" + API + "&$filter=type%20eq%20'BuiltInRole'").json().path("value").size())
        .isEqualTo(8);
    assertThat(server.get(rg + AUTHZ + "roleDefinitions" + API + "&$filter=roleName%20eq%20'Network%20Contributor'").json()
        .path("value").get(0).path("name").asText()).isEqualTo("4d97b98b-1d4f-4787-a291-c67834d212e7");
    assertThat(server.get(rg + AUTHZ + "roleDefinitions" + API + "&$filter=roleName%20eq%20'AcrPul'").json()
        .path("value").size()).isZero();
    ObjectNode custom = Json.object();
    custom.putObject("properties").put("roleName", "Mine");
    assertError(server.put(sub + AUTHZ + "roleDefinitions/" + UUID.randomUUID() + API, Json.write(custom)), 400,
        "CustomRoleDefinitionsNotSupported", "AcrPull");
    assertError(server.send("DELETE", sub + AUTHZ + "roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7" + API, null),
        400, "CustomRoleDefinitionsNotSupported", "built-in");
  }
}
