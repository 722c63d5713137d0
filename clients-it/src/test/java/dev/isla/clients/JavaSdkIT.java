package dev.isla.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.fluent.models.RunCommandResultInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.ArtifactSource;
import com.azure.resourcemanager.containerservice.models.ContainerServiceNetworkProfile;
import com.azure.resourcemanager.containerservice.models.KubernetesCluster;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterBootstrapProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.ManagedServiceIdentityUserAssignedIdentitiesValue;
import com.azure.resourcemanager.containerservice.models.NetworkPlugin;
import com.azure.resourcemanager.containerservice.models.OSType;
import com.azure.resourcemanager.containerservice.models.OutboundType;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import com.azure.resourcemanager.containerservice.models.RunCommandRequest;
import com.azure.resourcemanager.containerservice.models.UserAssignedIdentity;
import dev.isla.launcher.IslaConfig;
import dev.isla.launcher.IslaServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's bring-your-own network-isolated cluster, created, read, upgraded and deleted by the
 * Azure SDK for Java management libraries over HTTPS, logged in with a
 * {@code ClientSecretCredential}, against an in-process Isla whose nodes really boot. Every
 * long-running operation is waited for by the SDK's own pollers; afterwards the recorded
 * exchanges show that Isla refused nothing the test did not ask to be refused.
 */
class JavaSdkIT {

  private static final String RG = "sdk-rg";
  private static final String ACR = "sdkacr" + UUID.randomUUID().toString().substring(0, 8);
  private static final String AKS = "sdk-aks";
  private static final String POOL = "nodepool1";
  private static final Duration LRO_BOUND = Duration.ofMinutes(2);

  @TempDir Path data;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void createsTheByoIsolatedClusterUpgradesItsNodeImageAndDeletesEverything() throws Exception {
    try (IslaServer server = new IslaServer(new IslaConfig(data, "127.0.0.1", 0,
        Duration.ofMillis(20), Duration.ofMillis(20)))) {
      Exchanges exchanges = new Exchanges();
      Managers m = Managers.of(SdkConnection.to(server.state()), exchanges);
      m.resources().features().register("Microsoft.ContainerService", "NetworkIsolatedClusterPreview");
      ByoTopology byo = ByoTopology.create(m, RG, ACR);

      ManagedClusterInner created = waitFor(clusters(m).beginCreateOrUpdate(RG, AKS, cluster(byo)));
      assertThat(created.provisioningState()).isEqualTo("Succeeded");
      readBack(m, byo);
      upgradeNodeImage(m);
      deleteEverything(m);

      exchanges.assertOnlyRefused("GET 404 " + RG
          + "/providers/Microsoft.ContainerService/managedClusters/" + AKS,
          "HEAD 404 MC_" + RG + "_" + AKS + "_eastus", "HEAD 404 " + RG);
      exchanges.assertAdvertised(m.resources(), "Microsoft.ContainerService/managedClusters",
          "Microsoft.Network/virtualNetworks", "Microsoft.ContainerRegistry/registries/cacheRules");
    }
  }

  private static ManagedClusterInner cluster(ByoTopology byo) {
    return new ManagedClusterInner().withLocation(ByoTopology.REGION.name())
        .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.USER_ASSIGNED)
            .withUserAssignedIdentities(Map.of(byo.clusterIdentity().id(),
                new ManagedServiceIdentityUserAssignedIdentitiesValue())))
        .withDnsPrefix(AKS)
        .withAgentPoolProfiles(List.of(new ManagedClusterAgentPoolProfile().withName(POOL)
            .withCount(1).withVmSize("Standard_DS2_v2").withMode(AgentPoolMode.SYSTEM)
            .withOsType(OSType.LINUX).withVnetSubnetId(byo.nodeSubnetId())))
        .withIdentityProfile(Map.of("kubeletidentity", new UserAssignedIdentity()
            .withResourceId(byo.kubeletIdentity().id()).withClientId(byo.kubeletIdentity().clientId())
            .withObjectId(byo.kubeletIdentity().principalId())))
        .withNetworkProfile(new ContainerServiceNetworkProfile().withNetworkPlugin(NetworkPlugin.AZURE)
            .withOutboundType(OutboundType.NONE))
        .withBootstrapProfile(new ManagedClusterBootstrapProfile()
            .withArtifactSource(ArtifactSource.CACHE).withContainerRegistryId(byo.registry().id()));
  }

  /** The fluent read shows what was asked for, and the node is a Ready Kubernetes node. */
  private static void readBack(Managers m, ByoTopology byo) {
    KubernetesCluster read = m.containerService().kubernetesClusters().getByResourceGroup(RG, AKS);
    assertThat(read.provisioningState()).isEqualTo("Succeeded");
    ManagedClusterInner inner = read.innerModel();
    assertThat(inner.bootstrapProfile().artifactSource()).isEqualTo(ArtifactSource.CACHE);
    assertThat(inner.bootstrapProfile().containerRegistryId()).isEqualToIgnoringCase(byo.registry().id());
    assertThat(inner.networkProfile().outboundType()).isEqualTo(OutboundType.NONE);
    assertThat(inner.identityProfile().get("kubeletidentity").resourceId())
        .isEqualToIgnoringCase(byo.kubeletIdentity().id());
    assertThat(read.agentPools().get(POOL).count()).isEqualTo(1);
    RunCommandResultInner nodes = waitFor(clusters(m).beginRunCommand(RG, AKS,
        new RunCommandRequest().withCommand("kubectl get nodes")));
    assertThat(nodes.exitCode()).as(nodes.logs()).isZero();
    assertThat(nodes.logs()).contains(" Ready ");
  }

  private static void upgradeNodeImage(Managers m) {
    AgentPoolsClient pools = m.containerService().serviceClient().getAgentPools();
    AgentPoolInner upgraded = waitFor(pools.beginUpgradeNodeImageVersion(RG, AKS, POOL));
    assertThat(upgraded.provisioningState()).isEqualTo("Succeeded");
    assertThat(upgraded.nodeImageVersion()).isNotBlank();
    assertThat(pools.get(RG, AKS, POOL).nodeImageVersion()).isEqualTo(upgraded.nodeImageVersion());
  }

  /** The cluster (with its node resource group), then the group with everything in it. */
  private static void deleteEverything(Managers m) {
    String nodeGroup = clusters(m).getByResourceGroup(RG, AKS).nodeResourceGroup();
    assertThat(m.resources().resourceGroups().contain(nodeGroup)).as(nodeGroup).isTrue();
    waitFor(clusters(m).beginDelete(RG, AKS));
    assertThatThrownBy(() -> m.containerService().kubernetesClusters().getByResourceGroup(RG, AKS))
        .isInstanceOfSatisfying(ManagementException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
    assertThat(m.resources().resourceGroups().contain(nodeGroup)).as(nodeGroup).isFalse();
    m.resources().resourceGroups().deleteByName(RG);
    assertThat(m.resources().resourceGroups().contain(RG)).isFalse();
    assertThat(m.registry().containerRegistries().checkNameAvailability(ACR).isAvailable())
        .as("the registry's name is free again").isTrue();
  }

  private static ManagedClustersClient clusters(Managers m) {
    return m.containerService().serviceClient().getManagedClusters();
  }

  /** Waits with the SDK's own poller, bounded, and insists on success before the final result. */
  private static <T, U> U waitFor(SyncPoller<T, U> poller) {
    PollResponse<T> last = poller.waitForCompletion(LRO_BOUND);
    assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    return poller.getFinalResult();
  }
}
