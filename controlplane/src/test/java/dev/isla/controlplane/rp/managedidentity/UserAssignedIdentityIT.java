package dev.isla.controlplane.rp.managedidentity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.ArmTestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAssignedIdentityIT {

  private static final String API = "?api-version=2024-11-30";
  private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private ArmTestServer server;
  private String rg;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    rg = "/subscriptions/" + server.subscription() + "/resourceGroups/rg1";
    server.put(rg + "?api-version=2024-11-01", "{\"location\":\"westus2\"}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String identity(String name) {
    return rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
  }

  @Test
  void createGivesFreshGuidsKeptOnUpdate() {
    Reply created = server.put(identity("id-kubelet") + API, "{}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode p = created.json().path("properties");
    assertThat(created.json().path("location").asText()).isEqualTo("westus2");
    assertThat(created.json().path("type").asText()).isEqualTo("Microsoft.ManagedIdentity/userAssignedIdentities");
    assertThat(p.path("tenantId").asText()).isEqualTo(server.controlPlane().arm().settings().tenantId());
    assertThat(p.path("principalId").asText()).matches(GUID);
    assertThat(p.path("clientId").asText()).matches(GUID).isNotEqualTo(p.path("principalId").asText());
    assertThat(p.path("isolationScope").asText()).isEqualTo("None");

    Reply updated = server.put(identity("id-kubelet") + API, "{\"location\":\"westus2\",\"tags\":{\"a\":\"b\"}}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().path("properties").path("principalId")).isEqualTo(p.path("principalId"));
    assertThat(updated.json().path("properties").path("clientId")).isEqualTo(p.path("clientId"));
    assertThat(updated.json().path("tags").path("a").asText()).isEqualTo("b");

    Reply other = server.put(identity("id-cluster") + API, "{\"location\":\"eastus\"}");
    assertThat(other.json().path("location").asText()).isEqualTo("eastus");
    assertThat(other.json().path("properties").path("principalId")).isNotEqualTo(p.path("principalId"));

    var store = server.controlPlane().arm().store();
    Identity byClient = Identities.byClientId(store, p.path("clientId").asText().toUpperCase()).orElseThrow();
    assertThat(byClient.name()).isEqualTo("id-kubelet");
    assertThat(Identities.byPrincipalId(store, p.path("principalId").asText()).orElseThrow().clientId())
        .isEqualTo(p.path("clientId").asText());
    assertThat(Identities.byResourceId(store, ResourceId.parse(identity("ID-KUBELET")))).isPresent();
    assertThat(Identities.byClientId(store, "00000000-0000-0000-0000-000000000000")).isEmpty();
  }

  @Test
  void namesAndIsolationScopeAreValidated() {
    for (String bad : new String[] {"ab", "-starts-with-hyphen", "has.dot", "x".repeat(129)}) {
      Reply r = server.put(identity(bad) + API, "{}");
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().path("error").path("code").asText()).isEqualTo("InvalidResourceName");
      assertThat(r.json().path("error").path("message").asText()).contains("3 to 128 characters");
      assertThat(server.get(identity(bad) + API).status()).isEqualTo(404);
    }
    assertThat(server.put(identity("a_b-c" + "x".repeat(123)) + API, "{}").status()).isEqualTo(201);
    Reply scope = server.put(identity("scoped") + API, "{\"properties\":{\"isolationScope\":\"Global\"}}");
    assertThat(scope.json().path("error").path("code").asText()).isEqualTo("InvalidParameter");
    assertThat(server.get(identity("scoped") + API).status()).isEqualTo(404);
    assertThat(server.put(identity("scoped") + API, "{\"properties\":{\"isolationScope\":\"regional\"}}")
        .json().path("properties").path("isolationScope").asText()).isEqualTo("Regional");
    Reply noGroup = server.put(rg + "x/providers/Microsoft.ManagedIdentity/userAssignedIdentities/idx" + API, "{}");
    assertThat(noGroup.json().path("error").path("code").asText()).isEqualTo("ResourceGroupNotFound");
  }
}
