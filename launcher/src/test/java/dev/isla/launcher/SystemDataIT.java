package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who changed what, from the verified caller: {@code systemData} on resources whose providers
 * return it and a role assignment's {@code createdBy}/{@code updatedBy}, over the HTTPS
 * listener from the token's principal (here a managed identity from the host's endpoint), over
 * token-less loopback HTTP the built-in principal. What a client sends as {@code systemData} is
 * ignored.
 */
class SystemDataIT {

  private static final String IDENTITIES = "/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/";
  private static final String API = "?api-version=2023-01-31";
  private static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
  private static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

  @TempDir static Path data;
  static EdgeFixture arm;
  static JsonNode updater;
  static String updaterToken;

  @BeforeAll
  static void start() throws Exception {
    arm = new EdgeFixture(data);
    updater = arm.createIdentity("updater");
    // ARM authorizes token callers: the updater writes resources and role assignments in rg1.
    arm.grant(updater, OWNER);
    updaterToken = arm.msiToken("client_id=" + clientId(updater));
  }

  @AfterAll
  static void stop() {
    arm.close();
  }

  @Test
  void aResourceCreatedOverLoopbackHttpIsCreatedByTheBuiltInPrincipal() throws Exception {
    Instant before = Instant.now();
    JsonNode data = arm.createIdentity("by-loopback").path("systemData");

    assertThat(data.path("createdBy").asText()).isEqualTo(arm.builtIn.principal().clientId());
    assertThat(data.path("createdByType").asText()).isEqualTo("Application");
    assertThat(data.path("lastModifiedBy").asText()).isEqualTo(arm.builtIn.principal().clientId());
    assertThat(data.path("lastModifiedByType").asText()).isEqualTo("Application");
    assertThat(Instant.parse(data.path("createdAt").asText())).isBetween(before.minusSeconds(1), Instant.now());
    assertThat(data.path("lastModifiedAt").asText()).isEqualTo(data.path("createdAt").asText());
  }

  @Test
  void anUpdateOverHttpsRecordsTheTokensManagedIdentityAndKeepsTheCreator() throws Exception {
    JsonNode created = arm.createIdentity("changed").path("systemData");

    HttpResponse<String> r = arm.send("PATCH", IDENTITIES + "changed" + API, "{\"tags\":{\"k\":\"v\"}}",
        Optional.of(updaterToken));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode data = Json.parse(r.body()).path("systemData");
    assertThat(data.path("createdBy").asText()).isEqualTo(arm.builtIn.principal().clientId());
    assertThat(data.path("createdAt").asText()).isEqualTo(created.path("createdAt").asText());
    assertThat(data.path("lastModifiedBy").asText()).isEqualTo(clientId(updater));
    assertThat(data.path("lastModifiedByType").asText()).isEqualTo("ManagedIdentity");
    JsonNode read = Json.parse(arm.send("GET", IDENTITIES + "changed" + API, null, Optional.empty()).body());
    assertThat(read.path("systemData")).isEqualTo(data);
  }

  @Test
  void systemDataAClientSendsIsIgnored() throws Exception {
    String forged = "{\"location\":\"eastus\",\"systemData\":{\"createdBy\":\"mallory\",\"createdByType\":\"User\","
        + "\"createdAt\":\"2001-01-01T00:00:00Z\",\"lastModifiedBy\":\"mallory\"}}";

    HttpResponse<String> r = arm.send("PUT", IDENTITIES + "forged" + API, forged, Optional.of(updaterToken));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode data = Json.parse(r.body()).path("systemData");
    assertThat(data.path("createdBy").asText()).isEqualTo(clientId(updater));
    assertThat(data.path("createdByType").asText()).isEqualTo("ManagedIdentity");
    assertThat(data.path("createdAt").asText()).doesNotStartWith("2001");
    assertThat(data.path("lastModifiedBy").asText()).isEqualTo(clientId(updater));
  }

  @Test
  void roleAssignmentsRecordTheCallersObjectId() throws Exception {
    JsonNode assignee = arm.createIdentity("assignee");
    String overHttps = assign(assignee, Optional.of(updaterToken));
    JsonNode viaHttps = Json.parse(overHttps).path("properties");
    assertThat(viaHttps.path("createdBy").asText()).isEqualTo(principalId(updater));
    assertThat(viaHttps.path("updatedBy").asText()).isEqualTo(principalId(updater));

    JsonNode other = arm.createIdentity("assignee2");
    JsonNode viaHttp = Json.parse(assign(other, Optional.empty())).path("properties");
    assertThat(viaHttp.path("createdBy").asText()).isEqualTo(arm.builtIn.principal().objectId());
    assertThat(viaHttp.path("updatedBy").asText()).isEqualTo(arm.builtIn.principal().objectId());
  }

  @Test
  void theBuiltInOwnerAssignmentIsCreatedByTheBuiltInPrincipalAndGroupsHaveNoSystemData() throws Exception {
    JsonNode list = Json.parse(arm.send("GET", "/providers/Microsoft.Authorization/roleAssignments"
        + "?api-version=2022-04-01&$filter=principalId%20eq%20'" + arm.builtIn.principal().objectId() + "'",
        null, Optional.empty()).body());
    assertThat(list.path("value").get(0).path("properties").path("createdBy").asText())
        .isEqualTo(arm.builtIn.principal().objectId());
    JsonNode group = Json.parse(arm.send("GET", "/resourcegroups/rg1?api-version=2021-04-01", null,
        Optional.empty()).body());
    assertThat(group.has("systemData")).isFalse();
  }

  private static String assign(JsonNode principal, Optional<String> token) throws Exception {
    String body = "{\"properties\":{\"roleDefinitionId\":\"" + arm.sub()
        + "/providers/Microsoft.Authorization/roleDefinitions/" + READER + "\",\"principalId\":\""
        + principalId(principal) + "\",\"principalType\":\"ServicePrincipal\"}}";
    HttpResponse<String> r = arm.send("PUT", "/resourceGroups/rg1/providers/Microsoft.Authorization/"
        + "roleAssignments/" + UUID.randomUUID() + "?api-version=2022-04-01", body, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return r.body();
  }

  private static String clientId(JsonNode identity) {
    return identity.path("properties").path("clientId").asText();
  }

  private static String principalId(JsonNode identity) {
    return identity.path("properties").path("principalId").asText();
  }
}
