package dev.isla.cli;

import static dev.isla.cli.FakeArm.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process against a scripted fake ARM endpoint. */
class AzIT {

  static final String SUB = "00000000-0000-0000-0000-000000000001";
  static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg";

  @TempDir Path config;
  FakeArm arm;
  String out;
  String err;

  @BeforeEach
  void start() throws Exception {
    arm = new FakeArm();
    arm.on("GET", "/subscriptions/" + SUB + "/resourcegroups/rg",
        json(200, "{\"id\":\"" + RG + "\",\"name\":\"rg\",\"location\":\"eastus\","
            + "\"properties\":{\"provisioningState\":\"Succeeded\"}}"));
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  int az(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Az.run(args, Map.of("ISLA_ARM_URL", arm.url(), "ISLA_SUBSCRIPTION_ID", SUB,
        "AZURE_CONFIG_DIR", config.toString()), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  @Test
  void groupShowPrintsRawJsonWithAzIndent() {
    assertThat(az("group", "show", "-n", "rg")).isZero();
    assertThat(out).contains("\"properties\": {\n    \"provisioningState\": \"Succeeded\"\n  }");
    assertThat(arm.requests.getFirst().uri()).isEqualTo("/subscriptions/" + SUB
        + "/resourcegroups/rg?api-version=2025-04-01");
  }

  @Test
  void aksCreateBuildsManagedClusterAndFollowsAsyncOperation() {
    String cluster = RG + "/providers/Microsoft.ContainerService/managedClusters/aks1";
    arm.on("PUT", cluster, json(201, "{\"properties\":{\"provisioningState\":\"Creating\"}}",
        "Azure-AsyncOperation", "{base}/op/1?api-version=x", "Retry-After", "0"));
    arm.on("GET", "/op/1", json(200, "{\"status\":\"InProgress\"}"),
        json(200, "{\"status\":\"Succeeded\"}"));
    arm.on("GET", cluster, json(200, "{\"id\":\"" + cluster + "\",\"properties\":{"
        + "\"provisioningState\":\"Succeeded\",\"networkProfile\":{\"outboundType\":\"none\"}}}"));
    assertThat(az("aks", "create", "--resource-group", "rg", "--name", "aks1",
        "--kubernetes-version", "1.30.3", "--bootstrap-artifact-source", "Cache",
        "--outbound-type", "NONE", "--network-plugin", "azure", "--enable-private-cluster",
        "--query", "networkProfile.outboundType", "-o", "tsv")).as(err).isZero();
    assertThat(out).isEqualTo("none\n");
    JsonNode body = Json.parse(arm.requests("PUT").getFirst().body());
    assertThat(arm.requests("PUT").getFirst().uri()).endsWith("?api-version=2026-06-01");
    assertThat(body.at("/properties/dnsPrefix").asText()).isEqualTo("aks1-rg-000000");
    assertThat(body.at("/properties/networkProfile/outboundType").asText()).isEqualTo("none");
    assertThat(body.at("/properties/bootstrapProfile/artifactSource").asText()).isEqualTo("Cache");
    assertThat(body.at("/properties/apiServerAccessProfile/enablePrivateCluster").asBoolean())
        .isTrue();
    assertThat(body.at("/properties/agentPoolProfiles/0/count").asInt()).isEqualTo(3);
    assertThat(body.at("/identity/type").asText()).isEqualTo("SystemAssigned");
    assertThat(arm.requests("GET").stream().filter(r -> r.uri().startsWith("/op/1"))).hasSize(2);
  }

  @Test
  void failedOperationPrintsAzErrorAndExitsOne() {
    String cluster = RG + "/providers/Microsoft.ContainerService/managedClusters/aks1";
    arm.on("PUT", cluster, json(201, "{\"properties\":{\"provisioningState\":\"Creating\"}}",
        "Azure-AsyncOperation", "{base}/op/2", "Retry-After", "0"));
    arm.on("GET", "/op/2", json(200, "{\"status\":\"Failed\",\"error\":{\"code\":\"Boom\","
        + "\"message\":\"it broke\"}}"));
    assertThat(az("aks", "create", "-g", "rg", "-n", "aks1")).isEqualTo(1);
    assertThat(err).isEqualTo("ERROR: (Boom) it broke\nCode: Boom\nMessage: it broke\n");
  }

  @Test
  void flatAksErrorAndNotFoundExitThree() {
    arm.on("GET", RG + "/providers/Microsoft.ContainerService/managedClusters/x",
        json(404, "{\"code\":\"ResourceNotFound\",\"message\":\"The Resource was not found.\","
            + "\"subcode\":\"\",\"details\":null}"));
    assertThat(az("aks", "show", "-g", "rg", "-n", "x")).isEqualTo(3);
    assertThat(err).startsWith("ERROR: (ResourceNotFound) The Resource was not found.\n"
        + "Code: ResourceNotFound\n");
  }

  @Test
  void acrUpdatePatchesAndFollowsLocation() {
    String acr = RG + "/providers/Microsoft.ContainerRegistry/registries/acr1";
    arm.on("GET", acr, json(200, "{\"id\":\"" + acr + "\",\"properties\":{"
        + "\"anonymousPullEnabled\":true}}"));
    arm.on("PATCH", acr, json(202, "", "Location", "{base}/loc/1", "Retry-After", "0"));
    arm.on("GET", "/loc/1", json(202, ""), json(200, "{\"id\":\"" + acr + "\",\"properties\":{"
        + "\"anonymousPullEnabled\":true}}"));
    assertThat(az("acr", "update", "-g", "rg", "--name", "acr1", "--anonymous-pull-enabled",
        "true", "--query", "[anonymousPullEnabled, resourceGroup]", "-o", "tsv")).as(err).isZero();
    assertThat(out).isEqualTo("true\nrg\n");
    assertThat(arm.requests("PATCH").getFirst().body())
        .isEqualTo("{\"properties\":{\"anonymousPullEnabled\":true}}");
  }

  @Test
  void nicShowByIdsFlattensIpConfigurations() {
    String nic = RG + "/providers/Microsoft.Network/networkInterfaces/pe.nic.1";
    arm.on("GET", nic, json(200, "{\"id\":\"" + nic + "\",\"properties\":{\"ipConfigurations\":["
        + "{\"name\":\"a\",\"properties\":{\"privateIPAddress\":\"192.168.2.4\","
        + "\"privateLinkConnectionProperties\":{\"requiredMemberName\":\"registry\"}}},"
        + "{\"name\":\"b\",\"properties\":{\"privateIPAddress\":\"192.168.2.5\","
        + "\"privateLinkConnectionProperties\":{\"requiredMemberName\":\"registry_data_eastus\"}}}"
        + "]}}"));
    assertThat(az("network", "nic", "show", "--ids", nic, "--query",
        "ipConfigurations[?privateLinkConnectionProperties.requiredMemberName=='registry_data_eastus']"
            + ".privateIPAddress", "--output", "tsv")).as(err).isZero();
    assertThat(out).isEqualTo("192.168.2.5\n");
  }

  @Test
  void featureShowStaysRaw() {
    arm.on("GET", "/subscriptions/" + SUB + "/providers/Microsoft.Features/providers/"
        + "Microsoft.ContainerService/features/F", json(200, "{\"name\":\"F\",\"properties\":"
            + "{\"state\":\"Registered\"}}"));
    assertThat(az("feature", "show", "--namespace", "Microsoft.ContainerService", "--name", "F",
        "--query", "properties.state", "-o", "tsv")).isZero();
    assertThat(out).isEqualTo("Registered\n");
  }

  @Test
  void addRecordCreatesMissingSetThenPuts() {
    String set = RG + "/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io/A/acr1";
    arm.on("PUT", set, json(200, "{\"id\":\"" + set + "\",\"properties\":{\"aRecords\":"
        + "[{\"ipv4Address\":\"10.0.0.4\"}]}}"));
    assertThat(az("network", "private-dns", "record-set", "a", "add-record", "--record-set-name",
        "acr1", "--zone-name", "privatelink.azurecr.io", "--resource-group", "rg",
        "--ipv4-address", "10.0.0.4")).as(err).isZero();
    assertThat(Json.parse(arm.requests("PUT").getFirst().body()).toString())
        .isEqualTo("{\"properties\":{\"ttl\":3600,\"aRecords\":[{\"ipv4Address\":\"10.0.0.4\"}]}}");
  }

  @Test
  void roleAssignmentResolvesRoleByName() {
    String scope = RG + "/providers/Microsoft.ContainerRegistry/registries/acr1";
    arm.on("GET", scope + "/providers/Microsoft.Authorization/roleDefinitions", json(200,
        "{\"value\":[{\"id\":\"/subscriptions/" + SUB + "/providers/Microsoft.Authorization/"
            + "roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d\"}]}"));
    arm.on("PUT", scope + "/providers/Microsoft.Authorization/roleAssignments/",
        json(201, "{\"properties\":{\"principalId\":\"p1\"}}"));
    assertThat(az("role", "assignment", "create", "--role", "AcrPull", "--scope", scope,
        "--assignee-object-id", "p1", "--assignee-principal-type", "ServicePrincipal"))
        .as(err).isZero();
    assertThat(arm.requests("GET").getFirst().uri())
        .contains("$filter=roleName%20eq%20%27AcrPull%27");
    JsonNode body = Json.parse(arm.requests("PUT").getFirst().body());
    assertThat(body.at("/properties/roleDefinitionId").asText()).endsWith("7f951dda-4ed3-4680-a7ca-43fe172d538d");
    assertThat(body.at("/properties/principalType").asText()).isEqualTo("ServicePrincipal");
  }

  @Test
  void upgradeWithoutTerminalOrYesRefuses() {
    String cluster = RG + "/providers/Microsoft.ContainerService/managedClusters/aks1";
    arm.on("GET", cluster, json(200, "{\"properties\":{\"agentPoolProfiles\":[{\"name\":\"p1\"}]}}"));
    arm.on("POST", cluster + "/agentPools/p1/upgradeNodeImageVersion", json(202, ""));
    assertThat(az("aks", "upgrade", "-g", "rg", "-n", "aks1", "--node-image-only")).isEqualTo(1);
    assertThat(err).contains("Unable to prompt for confirmation as no tty available. Use --yes.");
    assertThat(az("aks", "upgrade", "-g", "rg", "-n", "aks1", "--node-image-only", "--yes"))
        .isZero();
    assertThat(arm.requests("POST")).hasSize(1);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(az("network", "vnet", "subnet", "show", "-g", "rg")).isEqualTo(2);
    assertThat(err).startsWith("ERROR: the following arguments are "
        + "required: --name/-n, --vnet-name");
    assertThat(az("aks", "create", "-g", "rg", "-n", "a", "--outbound-type", "nope")).isEqualTo(2);
    assertThat(err).contains("invalid choice: 'nope'");
    assertThat(az("aks", "create", "-g", "rg", "-n", "a", "--bootstrap-container-registry-"
        + "resource-id", RG + "/providers/Microsoft.ContainerRegistry/registries/r")).isEqualTo(1);
    assertThat(err).contains("Cannot specify --bootstrap-container-registry-resource-id when "
        + "--bootstrap-artifact-source is not Cache.");
  }

  @Test
  void noCloudConfigured() {
    int code = Az.run(new String[] {"group", "list"}, Map.of(), new PrintStream(
        new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    assertThat(code).isEqualTo(1);
  }
}
