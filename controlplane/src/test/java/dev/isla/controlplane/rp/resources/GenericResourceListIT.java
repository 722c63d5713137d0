package dev.isla.controlplane.rp.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.controlplane.ArmTestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generic {@code resources} listing with a {@code $filter}: a subscription-wide listing
 * filtered on one resource group or type reads only that group or type (bench/load.sh: with
 * thousands of networks in the cloud, every such listing parsed all of them), and answers
 * exactly what the unnarrowed listing answered.
 */
class GenericResourceListIT {

  private static final String API = "?api-version=2021-04-01";
  private ArmTestServer server;
  private String sub;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    sub = "/subscriptions/" + server.subscription();
    for (String group : List.of("rg-one", "Rg-Two")) {
      assertThat(server.put(sub + "/resourceGroups/" + group + API, "{\"location\":\"eastus\"}").status()).isEqualTo(201);
      assertThat(server.put(sub + "/resourceGroups/" + group + "/providers/Microsoft.Network/virtualNetworks/vnet-"
          + group + "?api-version=2024-05-01", "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":"
          + "{\"addressPrefixes\":[\"10.1.0.0/16\"]}}}").status()).isEqualTo(201);
    }
    assertThat(server.put(sub + "/resourceGroups/rg-one/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
        + "id-one?api-version=2023-01-31", "{\"location\":\"eastus\"}").status()).isIn(200, 201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aGroupFilterAnswersThatGroupWhateverItsCase() {
    assertThat(names(sub, "resourceGroup eq 'RG-ONE'")).containsExactlyInAnyOrder("vnet-rg-one", "id-one");
    assertThat(names(sub, "resourceGroup eq 'rg-two'")).containsExactly("vnet-Rg-Two");
    assertThat(names(sub, "resourceGroup eq 'rg-one' and resourceType eq 'microsoft.network/virtualNetworks'"))
        .containsExactly("vnet-rg-one");
    assertThat(names(sub, "resourceType eq 'Microsoft.Network/virtualNetworks'"))
        .containsExactlyInAnyOrder("vnet-rg-one", "vnet-Rg-Two");
    assertThat(names(sub, "resourceGroup eq 'rg-three'")).isEmpty();
    assertThat(names(sub, "resourceGroup eq 'no/such group'")).isEmpty();
    assertThat(names(sub, "resourceType eq 'Microsoft.Nothing/things'")).isEmpty();
    assertThat(names(sub, "")).containsExactlyInAnyOrder("vnet-rg-one", "vnet-Rg-Two", "id-one");
  }

  private List<String> names(String scope, String filter) {
    String query = filter.isEmpty() ? "" : "&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    ArmTestServer.Reply reply = server.get(scope + "/resources" + API + query);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.json().path("value").findValuesAsText("name");
  }
}
