package dev.isla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's az commands, in the seed's order, run in-process against the real control plane:
 * exit codes, printed values and the error lines az users see.
 */
class SeedFlowIT {

  static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String FEATURE = "NetworkIsolatedClusterPreview";

  @TempDir static Path config;
  static ServerAz az;

  @BeforeAll
  static void start() {
    az = new ServerAz(config);
  }

  @AfterAll
  static void stop() {
    az.close();
  }

  String rgId(String group) {
    return "/subscriptions/" + az.subscription() + "/resourceGroups/" + group;
  }

  @Test
  void groupCreateShowAndMissingGroup() {
    assertThat(az.ok("group", "create", "--name", "rg-group", "--location", "eastus",
        "--query", "properties.provisioningState", "-o", "tsv")).isEqualTo("Succeeded");
    assertThat(az.ok("group", "show", "-n", "rg-group", "--query", "[name, location]", "-o",
        "tsv")).isEqualTo("rg-group\neastus");
    assertThat(az.ok("group", "exists", "-n", "rg-group")).isEqualTo("true");

    ServerAz.Result missing = az.run("group", "show", "-n", "rg-nope");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).startsWith("ERROR: (ResourceGroupNotFound) Resource group "
        + "'rg-nope' could not be found.\nCode: ResourceGroupNotFound\n");
  }

  @Test
  void featureRegisterShowAndProviderRegister() {
    ServerAz.Result registering = az.run("feature", "register", "--namespace",
        "Microsoft.ContainerService", "--name", FEATURE);
    assertThat(registering.code()).as(registering.err()).isZero();
    assertThat(registering.out()).contains("\"name\": \"Microsoft.ContainerService/" + FEATURE
        + "\"");
    String state = az.ok("feature", "show", "--namespace", "Microsoft.ContainerService",
        "--name", FEATURE, "--query", "properties.state", "-o", "tsv");
    assertThat(state).isIn("Registering", "Registered");
    assertThat(az.ok("provider", "register", "--namespace", "Microsoft.ContainerService"))
        .isEmpty();
    ServerAz.Result unknown = az.run("feature", "show", "--namespace",
        "Microsoft.ContainerService", "--name", "NoSuchFeature");
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).startsWith("ERROR: (FeatureNotFound)");
  }

  @Test
  void registryCreateUpdateShowAndCacheRule() {
    az.ok("group", "create", "--name", "rg-acr", "--location", "eastus");
    az.ok("acr", "create", "--resource-group", "rg-acr", "--name", "seedacr1", "--sku",
        "Premium", "--public-network-enabled", "false");
    assertThat(az.ok("acr", "update", "--resource-group", "rg-acr", "--name", "seedacr1",
        "--anonymous-pull-enabled", "true", "--query", "anonymousPullEnabled", "-o", "tsv"))
        .isEqualTo("true");
    String registryId = az.ok("acr", "show", "--name", "seedacr1", "-g", "rg-acr", "--query",
        "id", "--output", "tsv");
    assertThat(registryId).isEqualTo(rgId("rg-acr")
        + "/providers/Microsoft.ContainerRegistry/registries/seedacr1");
    assertThat(az.ok("acr", "show", "-n", "seedacr1", "--query",
        "[publicNetworkAccess, resourceGroup, loginServer]", "-o", "tsv"))
        .isEqualTo("Disabled\nrg-acr\nseedacr1.azurecr.io");
    assertThat(az.ok("acr", "cache", "create", "-n", "acr-cache-rule", "-r", "seedacr1", "-g",
        "rg-acr", "--source-repo", "mcr.microsoft.com/*", "--target-repo", "*", "--query",
        "[sourceRepository, targetRepository]", "-o", "tsv"))
        .isEqualTo("mcr.microsoft.com/*\n*");
  }

  @Test
  void registryErrors() {
    ServerAz.Result noGroup = az.run("acr", "create", "-g", "rg-absent", "-n", "seedacr2",
        "--sku", "Premium");
    assertThat(noGroup.code()).isEqualTo(3);
    assertThat(noGroup.err()).contains("Resource group 'rg-absent' could not be found.");

    az.ok("group", "create", "--name", "rg-acr-errors", "--location", "eastus");
    ServerAz.Result missing = az.run("acr", "show", "-n", "nosuchacr", "-g", "rg-acr-errors");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).startsWith("ERROR: (ResourceNotFound)");

    ServerAz.Result noName = az.run("acr", "create", "-g", "rg-acr-errors", "--sku", "Premium");
    assertThat(noName.code()).isEqualTo(2);
    assertThat(noName.out()).isEmpty();
    assertThat(noName.err()).startsWith("ERROR: the following arguments are required: "
        + "--name/-n\n\nusage: az acr create [-h]");

    ServerAz.Result badQuery = az.run("acr", "show", "-n", "x", "--query");
    assertThat(badQuery.code()).isEqualTo(2);
    assertThat(badQuery.err()).startsWith("ERROR: argument --query: expected one argument\n"
        + "To learn more about --query, please visit: "
        + "'https://docs.microsoft.com/cli/azure/query-azure-cli'\n");
  }

  @Test
  void identitiesAndRoleAssignments() {
    az.ok("group", "create", "--name", "rg-id", "--location", "eastus");
    az.ok("acr", "create", "-g", "rg-id", "-n", "seedacr3", "--sku", "Premium");
    String registryId = az.ok("acr", "show", "-n", "seedacr3", "-g", "rg-id", "--query", "id",
        "-o", "tsv");
    az.ok("identity", "create", "--name", "id-kubelet", "--resource-group", "rg-id");
    String identityId = az.ok("identity", "show", "--name", "id-kubelet", "--resource-group",
        "rg-id", "--query", "id", "-o", "tsv");
    assertThat(identityId).isEqualTo(rgId("rg-id")
        + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-kubelet");
    String principal = az.ok("identity", "show", "--name", "id-kubelet", "--resource-group",
        "rg-id", "--query", "principalId", "-o", "tsv");
    assertThat(principal).matches(GUID);

    assertThat(az.ok("role", "assignment", "create", "--role", "AcrPull", "--scope", registryId,
        "--assignee-object-id", principal, "--assignee-principal-type", "ServicePrincipal",
        "--query", "[principalId, scope]", "-o", "tsv")).isEqualTo(principal + "\n" + registryId);
    assertThat(az.ok("role", "assignment", "create", "--role", "Network Contributor", "--scope",
        rgId("rg-id"), "--assignee-object-id", principal, "--assignee-principal-type",
        "ServicePrincipal", "--query", "roleDefinitionId", "-o", "tsv"))
        .endsWith("/providers/Microsoft.Authorization/roleDefinitions/"
            + "4d97b98b-1d4f-4787-a291-c67834d212e7");
    assertThat(az.ok("role", "assignment", "list", "--scope", registryId, "--query",
        "[?principalId=='" + principal + "'] | length(@)", "-o", "tsv")).isEqualTo("1");
    assertThat(az.ok("role", "assignment", "list", "--scope", registryId, "--include-inherited",
        "--query", "length([?principalId=='" + principal + "'])", "-o", "tsv")).isEqualTo("2");

    ServerAz.Result unknownRole = az.run("role", "assignment", "create", "--role", "NoSuchRole",
        "--scope", registryId, "--assignee-object-id", principal);
    assertThat(unknownRole.code()).isEqualTo(1);
    assertThat(unknownRole.err()).isEqualTo("ERROR: Role 'NoSuchRole' doesn't exist.\n");

    ServerAz.Result missing = az.run("identity", "show", "-n", "id-nope", "-g", "rg-id");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).startsWith("ERROR: (ResourceNotFound)");
  }
}
