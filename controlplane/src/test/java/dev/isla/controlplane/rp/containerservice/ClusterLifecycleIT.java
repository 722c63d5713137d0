package dev.isla.controlplane.rp.containerservice;

import static dev.isla.controlplane.rp.containerservice.AksFixture.API;
import static dev.isla.controlplane.rp.containerservice.AksFixture.assertAksError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.port.CommandResult;
import dev.isla.controlplane.port.DataPlane;
import dev.isla.controlplane.port.InProcessNodes;
import dev.isla.controlplane.port.NodeFailure;
import dev.isla.controlplane.port.NodePoolSpec;
import dev.isla.controlplane.port.NodeState;
import dev.isla.controlplane.store.MemoryResourceStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Updates, node image upgrades, actions and deletion of managed clusters over HTTP. */
class ClusterLifecycleIT {

  private AksFixture aks;

  @AfterEach
  void stop() {
    if (aks != null) {
      aks.close();
    }
  }

  private AksFixture start(DataPlane dataPlane, Duration delay) {
    aks = new AksFixture(new ArmTestServer(new MemoryResourceStore(), ArmTestServer.fast().withOperationDelay(delay), dataPlane));
    return aks;
  }

  private AksFixture start() {
    return start(DataPlane.inProcess(), Duration.ofMillis(20));
  }

  private static void isolate(ObjectNode c) {
    ((ObjectNode) c.path("properties").path("bootstrapProfile")).put("artifactSource", "Cache");
    ((ObjectNode) c.path("properties").path("networkProfile")).put("outboundType", "none");
  }

  private JsonNode machines(String cluster) {
    return aks.server.get(aks.cluster(cluster) + "/agentPools/nodepool1/machines?" + API).json().path("value");
  }

  private ArmTestServer.Reply upgradeNodeImage(String cluster) {
    return aks.server.send("POST", aks.cluster(cluster) + "/agentPools/nodepool1/upgradeNodeImageVersion?" + API, null);
  }

  @Test
  void updateExistingToIsolatedInOneShotThenReimageAsTheSeed() {
    start().registerIsolation();
    JsonNode before = aks.create("u", "\"kubernetesVersion\":\"1.30.3\",\"networkProfile\":{\"networkPlugin\":\"azure\"}");
    JsonNode after = aks.update("u", ClusterLifecycleIT::isolate);
    JsonNode p = after.path("properties");
    assertThat(p.path("networkProfile").path("outboundType").asText()).isEqualTo("none");
    assertThat(p.path("bootstrapProfile").path("containerRegistryId").asText()).contains("/registries/aksbootstrap");
    for (String f : List.of("fqdn", "dnsPrefix", "nodeResourceGroup")) {
      assertThat(p.path(f)).isEqualTo(before.path("properties").path(f));
    }
    assertThat(machines("u")).allSatisfy(m -> {
      assertThat(m.path("properties").path("bootstrap").path("artifactSource").asText()).isEqualTo("Direct");
      assertThat(m.path("properties").path("bootstrap").path("matchesClusterProfile").asBoolean()).isFalse();
    });

    ArmTestServer.Reply upgrading = upgradeNodeImage("u");
    assertThat(upgrading.status()).isEqualTo(202);
    assertThat(upgrading.json().path("properties").path("provisioningState").asText()).isEqualTo("UpgradingNodeImageVersion");
    assertThat(upgrading.header("Azure-AsyncOperation")).isNotBlank();
    assertThat(upgrading.header("Location")).isNotBlank();
    assertThat(aks.server.await(upgrading.header("Azure-AsyncOperation")).path("status").asText()).isEqualTo("Succeeded");
    JsonNode pool = aks.get("u").path("properties").path("agentPoolProfiles").get(0);
    assertThat(pool.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(pool.path("nodeImageVersion").asText()).isEqualTo("AKSUbuntu-2204gen2containerd-202512.06.0");
    assertThat(machines("u")).allSatisfy(m -> {
      JsonNode b = m.path("properties").path("bootstrap");
      assertThat(b.path("artifactSource").asText()).isEqualTo("Cache");
      assertThat(b.path("containerRegistryServer").asText()).endsWith(".azurecr.io/aks-managed-repository");
      assertThat(b.path("matchesClusterProfile").asBoolean()).isTrue();
    });
  }

  @Test
  void disableGoesBackToDirectAndLoadBalancerAndKeepsTheManagedRegistry() {
    start().registerIsolation();
    JsonNode isolated = aks.create("d", "\"kubernetesVersion\":\"1.30.3\",\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},"
        + "\"networkProfile\":{\"outboundType\":\"none\"},\"apiServerAccessProfile\":{\"enablePrivateCluster\":true}");
    String registry = isolated.path("properties").path("bootstrapProfile").path("containerRegistryId").asText();
    JsonNode disabled = aks.update("d", c -> {
      ((ObjectNode) c.path("properties").path("bootstrapProfile")).put("artifactSource", "Direct").remove("containerRegistryId");
      ((ObjectNode) c.path("properties").path("networkProfile")).put("outboundType", "LoadBalancer");
    });
    assertThat(disabled.path("properties").path("bootstrapProfile").path("artifactSource").asText()).isEqualTo("Direct");
    assertThat(disabled.path("properties").path("networkProfile").path("outboundType").asText()).isEqualTo("loadBalancer");
    assertThat(aks.store().get(ResourceId.parse(registry))).isPresent();
  }

  @Test
  void byoRegistrySwapAndBlockOnByoVnetRefused() {
    start().registerIsolation();
    aks.byoNetwork();
    aks.identity("id-cluster");
    aks.identity("id-kubelet");
    String first = aks.registry("byoacr", "Premium");
    String second = aks.registry("byoacrw", "Premium");
    aks.cacheRule(second, "aks-managed-mcr", "aks-managed-repository/*");
    String pools = "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"vnetSubnetID\":\"" + aks.subnetId("aks-subnet") + "\"}],"
        + "\"identityProfile\":{\"kubeletidentity\":{\"resourceId\":\"" + aks.identityId("id-kubelet") + "\"}}";
    String identity = ",\"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"" + aks.identityId("id-cluster") + "\":{}}}";
    aks.create("s", "\"kubernetesVersion\":\"1.30.3\"," + pools, identity);
    aks.update("s", c -> {
      isolate(c);
      ((ObjectNode) c.path("properties").path("bootstrapProfile")).put("containerRegistryId", first);
    });
    JsonNode swapped = aks.update("s", c ->
        ((ObjectNode) c.path("properties").path("bootstrapProfile")).put("containerRegistryId", second));
    assertThat(swapped.path("properties").path("bootstrapProfile").path("containerRegistryId").asText()).isEqualTo(second);
    assertThat(machines("s").get(0).path("properties").path("bootstrap").path("artifactSource").asText()).isEqualTo("Direct");
    aks.server.await(upgradeNodeImage("s").header("Azure-AsyncOperation"));
    assertThat(machines("s").get(0).path("properties").path("bootstrap").path("containerRegistryServer").asText())
        .isEqualTo("byoacrw.azurecr.io/aks-managed-repository");
    ArmTestServer.Reply block = aks.updateReply("s", c ->
        ((ObjectNode) c.path("properties").path("networkProfile")).put("outboundType", "block"));
    assertAksError(block, 400, "InvalidNetworkIsolatedClusterConfiguration", "AKS-managed virtual network");
    assertThat(aks.get("s").path("properties").path("networkProfile").path("outboundType").asText()).isEqualTo("none");
  }

  @Test
  void immutablePropertiesAndUnsupportedMigrations() {
    start();
    aks.create("i", "\"dnsPrefix\":\"mine\"");
    ArmTestServer.Reply r = aks.updateReply("i", c -> ((ObjectNode) c.get("properties")).put("dnsPrefix", "other"));
    assertAksError(r, 400, "PropertyChangeNotAllowed", "Changing property 'dnsPrefix' is not allowed.");
    ArmTestServer.Reply nat = aks.updateReply("i", c ->
        ((ObjectNode) c.path("properties").path("networkProfile")).put("outboundType", "userDefinedRouting"));
    assertAksError(nat, 400, "InvalidParameter", "requires a custom virtual network");
    assertThat(aks.get("i").path("properties").path("dnsPrefix").asText()).isEqualTo("mine");
  }

  @Test
  void managedRegistryIsReconciledOnUpdate() {
    start().registerIsolation();
    JsonNode c = aks.create("r", "\"kubernetesVersion\":\"1.30.3\",\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},"
        + "\"networkProfile\":{\"outboundType\":\"none\"}");
    ResourceId registry = ResourceId.parse(c.path("properties").path("bootstrapProfile").path("containerRegistryId").asText());
    ResourceId rule = registry.child("cacheRules", "aks-managed-mcr");
    aks.store().transaction(tx -> tx.delete(rule));
    aks.update("r", x -> { });
    assertThat(aks.store().get(rule)).isPresent();
    assertThat(aks.store().get(registry)).isPresent();
  }

  @Test
  void anotherOperationWhileOneRunsIsRefusedAsAks() {
    start(DataPlane.inProcess(), Duration.ofMillis(600));
    aks.create("busy", "");
    ArmTestServer.Reply first = upgradeNodeImage("busy");
    assertThat(first.status()).isEqualTo(202);
    assertAksError(upgradeNodeImage("busy"), 409, "OperationNotAllowed",
        "Another agentpool operation (nodepool1 - UpgradingNodeImageVersion) is in progress");
    assertAksError(aks.updateReply("busy", c -> { }), 409, "OperationNotAllowed", "is in progress");
    aks.server.await(first.header("Azure-AsyncOperation"));
  }

  @Test
  void aFailingNodeFailsTheClusterWithItsPhaseAndExitCode() {
    InProcessNodes ready = new InProcessNodes();
    start(new DataPlane(new FailingNodes(ready)), Duration.ofMillis(20));
    ArmTestServer.Reply r = aks.put("f", "");
    JsonNode status = aks.server.await(r.header("Azure-AsyncOperation"));
    assertThat(status.path("status").asText()).isEqualTo("Failed");
    assertThat(status.path("error").path("code").asText()).isEqualTo("VMExtensionProvisioningError");
    assertThat(status.path("error").path("message").asText())
        .contains("aks-nodepool1-").contains("vmss000000").contains("'dns'").contains("exit status=215")
        .contains("could not resolve");
    assertThat(aks.get("f").path("properties").path("provisioningState").asText()).isEqualTo("Failed");
    assertThat(aks.get("f").path("properties").path("agentPoolProfiles").get(0).path("provisioningState").asText()).isEqualTo("Failed");
  }

  @Test
  void runCommandWithoutDataPlaneAnswersAClearError() {
    start();
    aks.create("rc", "");
    ArmTestServer.Reply r = aks.server.send("POST", aks.cluster("rc") + "/runCommand?" + API,
        "{\"command\":\"kubectl get nodes\",\"context\":\"\",\"clusterToken\":\"\"}");
    assertThat(r.status()).isEqualTo(202);
    aks.server.await(r.header("Azure-AsyncOperation"));
    assertAksError(aks.server.get(r.header("Location")), 400, "RunCommandNotAvailable", "runCommand needs the Isla data plane");
    assertAksError(aks.server.send("POST", aks.cluster("rc") + "/runCommand?" + API, "{}"), 400, "InvalidParameter", "command");
  }

  @Test
  void runCommandResultIsKeptAsAksShowsIt() {
    start(new DataPlane(new FailingNodes(null)), Duration.ofMillis(20));
    ArmTestServer.Reply created = aks.put("rc", "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":0}]");
    aks.server.await(created.header("Azure-AsyncOperation"));
    ArmTestServer.Reply r = aks.server.send("POST", aks.cluster("rc") + "/runCommand?" + API, "{\"command\":\"echo hi\"}");
    aks.server.await(r.header("Azure-AsyncOperation"));
    JsonNode result = aks.server.get(r.header("Location")).json();
    assertThat(result.path("properties").path("exitCode").asInt()).isZero();
    assertThat(result.path("properties").path("logs").asText()).isEqualTo("hi\n");
    JsonNode kept = aks.server.get(aks.cluster("rc") + "/commandResults/" + result.path("id").asText() + "?" + API).json();
    assertThat(kept).isEqualTo(result);
    assertAksError(aks.server.get(aks.cluster("rc") + "/commandResults/nope?" + API), 404, "NotFound", "nope");
  }

  @Test
  void credentialsAreAKubeconfigForTheClusterFqdn() {
    start();
    JsonNode c = aks.create("k", "");
    JsonNode creds = aks.server.send("POST", aks.cluster("k") + "/listClusterUserCredential?" + API, null).json();
    assertThat(creds.path("kubeconfigs").get(0).path("name").asText()).isEqualTo("clusterUser");
    String yaml = new String(Base64.getDecoder().decode(creds.path("kubeconfigs").get(0).path("value").asText()), StandardCharsets.UTF_8);
    assertThat(yaml).contains("server: https://" + c.path("properties").path("fqdn").asText() + ":443")
        .contains("current-context: k\n");
    JsonNode admin = aks.server.send("POST", aks.cluster("k") + "/listClusterAdminCredential?" + API, null).json();
    assertThat(admin.path("kubeconfigs").get(0).path("name").asText()).isEqualTo("clusterAdmin");
  }

  @Test
  void deleteRemovesNodesAndTheNodeResourceGroupButNotAByoRegistry() {
    start().registerIsolation();
    String byo = aks.registry("keepme", "Premium");
    JsonNode c = aks.create("del", "\"kubernetesVersion\":\"1.30.3\",\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},"
        + "\"networkProfile\":{\"outboundType\":\"none\"}");
    String group = c.path("properties").path("nodeResourceGroup").asText();
    ArmTestServer.Reply r = aks.server.send("DELETE", aks.cluster("del") + "?" + API, null);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Location")).isNotBlank();
    JsonNode status = aks.server.await(r.header("Azure-AsyncOperation"));
    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("Succeeded");
    assertThat(aks.server.get(aks.cluster("del") + "?" + API).status()).isEqualTo(404);
    assertThat(aks.server.get("/subscriptions/" + aks.sub + "/resourceGroups/" + group + "?" + ArmTestServer.API).status()).isEqualTo(404);
    assertThat(aks.store().list(dev.isla.controlplane.store.ResourceQuery.all()
        .withUnder(ResourceId.resourceGroup(aks.sub, group)))).isEmpty();
    assertThat(aks.store().get(ResourceId.parse(byo))).isPresent();
  }

  @Test
  void goldenShapeOfGetManagedCluster() {
    start().registerIsolation();
    JsonNode c = aks.create("golden", "\"kubernetesVersion\":\"1.30.3\",\"dnsPrefix\":\"golden\",\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},"
        + "\"networkProfile\":{\"networkPlugin\":\"azure\",\"outboundType\":\"none\"},\"apiServerAccessProfile\":{\"enablePrivateCluster\":true}");
    String masked = dev.isla.arm.Json.pretty(c)
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<guid>")
        .replaceAll("golden-[0-9a-f]{8}", "golden-<hash>")
        .replaceAll("aksbootstrap[0-9a-f]{10}", "aksbootstrap<hash>");
    java.nio.file.Path golden = java.nio.file.Path.of("src/test/resources/golden/managed-cluster.json");
    try {
      String expected = java.nio.file.Files.exists(golden) ? java.nio.file.Files.readString(golden) : "";
      if (!expected.equals(masked)) {
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/managed-cluster.actual.json"), masked);
      }
      assertThat(masked).as("golden %s (actual in target/)", golden).isEqualTo(expected);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A node adapter whose nodes fail DNS (or, without a delegate, run commands). */
  private record FailingNodes(InProcessNodes delegate) implements dev.isla.controlplane.port.NodePort {
    @Override
    public List<NodeState> provision(NodePoolSpec spec) {
      return java.util.stream.IntStream.range(0, spec.count()).mapToObj(i -> new NodeState(spec.nodeName(i), spec.pool(),
          spec.bootstrap(), Optional.of(new NodeFailure("dns", 215, "could not resolve mcr.microsoft.com")))).toList();
    }

    @Override
    public List<NodeState> reimage(NodePoolSpec spec) {
      return provision(spec);
    }

    @Override
    public List<NodeState> nodes(String clusterId) {
      return List.of();
    }

    @Override
    public void deletePool(String clusterId, String pool) { }

    @Override
    public void deleteCluster(String clusterId) { }

    @Override
    public CommandResult runCommand(String clusterId, String command, String context) {
      return new CommandResult(0, command.replace("echo ", "") + "\n", Instant.now(), Instant.now());
    }
  }
}
