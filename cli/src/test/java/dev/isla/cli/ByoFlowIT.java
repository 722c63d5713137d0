package dev.isla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's BYO-ACR flow (scenarios 04 and 06) through the CLI against the real control plane:
 * setup, an isolated cluster on the BYO registry, the show/update/upgrade commands the
 * scenarios assert with, and {@code az aks command invoke} without a node data plane.
 */
class ByoFlowIT {

  @TempDir static Path config;
  static ServerAz az;
  static ByoSetup byo;

  @BeforeAll
  static void setup() {
    az = new ServerAz(config);
    byo = new ByoSetup("rg-byo", "byoacr1").run(az);
  }

  @AfterAll
  static void stop() {
    az.close();
  }

  String show(String cluster, String query) {
    return az.ok("aks", "show", "--resource-group", byo.group, "--name", cluster, "--query",
        query, "-o", "tsv");
  }

  @Test
  void isolatedClusterOnTheByoRegistry() {
    ServerAz.Result created = az.run(byo.createCluster("aks-byo"));
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(show("aks-byo", "provisioningState")).isEqualTo("Succeeded");
    assertThat(show("aks-byo", "networkProfile.outboundType")).isEqualTo("none");
    assertThat(show("aks-byo", "bootstrapProfile.artifactSource")).isEqualTo("Cache");
    assertThat(show("aks-byo", "bootstrapProfile.containerRegistryId"))
        .isEqualTo(byo.registryId);
    assertThat(show("aks-byo", "apiServerAccessProfile.enablePrivateCluster")).isEqualTo("true");
    assertThat(show("aks-byo", "kubernetesVersion")).isEqualTo("1.30.3");
    assertThat(show("aks-byo", "resourceGroup")).isEqualTo(byo.group);

    ServerAz.Result invoke = az.run("aks", "command", "invoke", "--resource-group", byo.group,
        "--name", "aks-byo", "--command", "kubectl get nodes", "-o", "tsv", "--query", "logs");
    assertThat(invoke.code()).isEqualTo(1);
    assertThat(invoke.out()).isEmpty();
    assertThat(invoke.err()).startsWith("ERROR: (RunCommandNotAvailable) runCommand needs the "
        + "Isla data plane").contains("\nCode: RunCommandNotAvailable\n");
  }

  @Test
  void updateSwapsRegistryThenDisablesIsolation() {
    az.ok(byo.createCluster("aks-swap"));
    az.ok("acr", "create", "--resource-group", byo.group, "--name", "byoacr2", "--sku",
        "Premium", "--public-network-enabled", "false");
    String second = az.ok("acr", "show", "--name", "byoacr2", "-g", byo.group, "--query", "id",
        "-o", "tsv");
    az.ok("role", "assignment", "create", "--role", "AcrPull", "--scope", second,
        "--assignee-object-id", byo.kubeletPrincipalId, "--assignee-principal-type",
        "ServicePrincipal");
    az.ok("aks", "update", "--resource-group", byo.group, "--name", "aks-swap",
        "--bootstrap-artifact-source", "Cache", "--bootstrap-container-registry-resource-id",
        second);
    assertThat(show("aks-swap", "bootstrapProfile.containerRegistryId")).isEqualTo(second);

    ServerAz.Result noTty = az.run("aks", "upgrade", "--resource-group", byo.group, "--name",
        "aks-swap", "--node-image-only");
    assertThat(noTty.code()).isEqualTo(1);
    assertThat(noTty.err()).contains("Unable to prompt for confirmation as no tty available. "
        + "Use --yes.");
    az.ok("aks", "upgrade", "--resource-group", byo.group, "--name", "aks-swap",
        "--node-image-only", "--yes");
    // As real az, the node-image upgrade is started without waiting (azure-cli passes
    // no_wait=True per pool); the next write would be refused while it runs.
    awaitPool("aks-swap", "Succeeded");
    assertThat(show("aks-swap", "provisioningState")).isEqualTo("Succeeded");

    az.ok("aks", "update", "--resource-group", byo.group, "--name", "aks-swap",
        "--bootstrap-artifact-source", "Direct", "--outbound-type", "LoadBalancer");
    assertThat(show("aks-swap", "bootstrapProfile.artifactSource")).isEqualTo("Direct");
    assertThat(show("aks-swap", "networkProfile.outboundType")).isEqualTo("loadBalancer");
  }

  void awaitPool(String cluster, String state) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!show(cluster, "agentPoolProfiles[0].provisioningState").equals(state)) {
      assertThat(System.nanoTime()).as("node pool of %s never %s", cluster, state)
          .isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void refusedRequestsPrintTheServersError() {
    ServerAz.Result missing = az.run("aks", "show", "--resource-group", byo.group, "--name",
        "aks-none");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).startsWith("ERROR: (ResourceNotFound)");

    ServerAz.Result noGroup = az.run("aks", "create", "--resource-group", "rg-absent", "--name",
        "aks-x", "--kubernetes-version", "1.30.3");
    assertThat(noGroup.code()).isEqualTo(3);
    assertThat(noGroup.err()).contains("Resource group 'rg-absent' could not be found.");

    ServerAz.Result subnet = az.run("network", "vnet", "subnet", "show", "-g", byo.group,
        "--vnet-name", "vnet-isolated");
    assertThat(subnet.code()).isEqualTo(2);
    assertThat(subnet.err()).startsWith("ERROR: the following "
        + "arguments are required: --name/-n");
  }
}
