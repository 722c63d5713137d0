package dev.isla.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.models.BuiltInRole;
import com.azure.resourcemanager.authorization.models.RoleAssignment;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.fluent.models.CacheRuleInner;
import com.azure.resourcemanager.containerregistry.models.Registry;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
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
import com.azure.resourcemanager.containerservice.models.UserAssignedIdentity;
import com.azure.resourcemanager.msi.MsiManager;
import com.azure.resourcemanager.msi.models.Identity;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.PrivateEndpoint;
import com.azure.resourcemanager.network.models.PrivateLinkSubResourceName;
import com.azure.resourcemanager.network.models.VirtualNetworkPrivateEndpointNetworkPolicies;
import com.azure.resourcemanager.privatedns.PrivateDnsZoneManager;
import com.azure.resourcemanager.privatedns.models.PrivateDnsZone;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.isla.launcher.IslaConfig;
import dev.isla.launcher.IslaServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's bring-your-own network-isolated cluster, created, read, upgraded and deleted by the
 * Azure SDK for Java management libraries over HTTPS, logged in with a
 * {@code ClientSecretCredential}, against an in-process Isla whose nodes really boot. Every
 * long-running operation is waited for by the SDK's own pollers.
 */
class JavaSdkIT {

  private static final Region REGION = Region.US_EAST;
  private static final String RG = "sdk-rg";
  private static final String VNET = "sdk-vnet";
  private static final String ACR = "sdkacr" + UUID.randomUUID().toString().substring(0, 8);
  private static final String AKS = "sdk-aks";
  private static final String ZONE = "privatelink.azurecr.io";
  private static final Duration LRO_BOUND = Duration.ofMinutes(2);

  @TempDir Path data;

  @Test
  @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
  void createsTheByoIsolatedClusterUpgradesItsNodeImageAndDeletesEverything() throws Exception {
    try (IslaServer server = new IslaServer(new IslaConfig(data, "127.0.0.1", 0,
        Duration.ofMillis(20), Duration.ofMillis(20)))) {
      SdkConnection c = SdkConnection.to(server.state());
      Managers m = Managers.of(c);

      m.resources().features().register("Microsoft.ContainerService", "NetworkIsolatedClusterPreview");
      m.resources().resourceGroups().define(RG).withRegion(REGION).create();
      Identity clusterId = m.msi().identities().define("cluster-id").withRegion(REGION)
          .withExistingResourceGroup(RG).create();
      Identity kubeletId = m.msi().identities().define("kubelet-id").withRegion(REGION)
          .withExistingResourceGroup(RG).create();
      assertThat(kubeletId.principalId()).isNotBlank();

      VirtualNetworkInner vnet = createVnet(m.network());
      String aksSubnet = vnet.subnets().stream().filter(s -> s.name().equals("aks")).findFirst()
          .orElseThrow().id();
      assertThat(aksSubnet).endsWith("/virtualNetworks/" + VNET + "/subnets/aks");

      Registry registry = m.registry().containerRegistries().define(ACR).withRegion(REGION)
          .withExistingResourceGroup(RG).withPremiumSku().disablePublicNetworkAccess().create();
      CacheRuleInner rule = m.registry().serviceClient().getCacheRules().create(RG, ACR, "mcr-cache",
          new CacheRuleInner().withSourceRepository("mcr.microsoft.com/*").withTargetRepository("*"));
      assertThat(rule.provisioningState().toString()).isEqualTo("Succeeded");

      PrivateEndpoint pe = m.network().privateEndpoints().define("acr-pe").withRegion(REGION)
          .withExistingResourceGroup(RG).withSubnetId(vnet.id() + "/subnets/acr")
          .definePrivateLinkServiceConnection("acr-conn").withResourceId(registry.id())
          .withSubResource(PrivateLinkSubResourceName.fromString("registry")).attach().create();
      Map<String, String> ips = memberAddresses(m.network(), pe);
      assertThat(ips).containsOnlyKeys("registry", "registry_data_eastus");

      PrivateDnsZone zone = m.dns().privateZones().define(ZONE).withExistingResourceGroup(RG)
          .defineARecordSet(ACR).withIPv4Address(ips.get("registry")).attach()
          .defineARecordSet(ACR + ".eastus.data").withIPv4Address(ips.get("registry_data_eastus"))
          .attach()
          .defineVirtualNetworkLink("vnet-link").withVirtualNetworkId(vnet.id()).attach()
          .create();
      assertThat(zone.aRecordSets().getByName(ACR).ipv4Addresses()).containsExactly(ips.get("registry"));

      RoleAssignment acrPull = m.authorization().roleAssignments().define(UUID.randomUUID().toString())
          .forObjectId(kubeletId.principalId()).withBuiltInRole(BuiltInRole.ACR_PULL)
          .withScope(registry.id()).create();
      assertThat(acrPull.roleDefinitionId()).endsWith("/7f951dda-4ed3-4680-a7ca-43fe172d538d");

      ManagedClusterInner created = createCluster(m.containerService(), clusterId, kubeletId,
          aksSubnet, registry.id());
      assertThat(created.provisioningState()).isEqualTo("Succeeded");

      KubernetesCluster read = m.containerService().kubernetesClusters().getByResourceGroup(RG, AKS);
      assertThat(read.provisioningState()).isEqualTo("Succeeded");
      assertThat(read.innerModel().bootstrapProfile().artifactSource()).isEqualTo(ArtifactSource.CACHE);
      assertThat(read.innerModel().bootstrapProfile().containerRegistryId()).isEqualToIgnoringCase(registry.id());
      assertThat(read.innerModel().networkProfile().outboundType()).isEqualTo(OutboundType.NONE);
      assertThat(read.innerModel().identityProfile().get("kubeletidentity").resourceId())
          .isEqualToIgnoringCase(kubeletId.id());

      AgentPoolInner upgraded = waitFor(m.containerService().serviceClient().getAgentPools()
          .beginUpgradeNodeImageVersion(RG, AKS, "nodepool1"));
      assertThat(upgraded.provisioningState()).isEqualTo("Succeeded");
      assertThat(upgraded.nodeImageVersion()).isNotBlank();

      waitFor(m.containerService().serviceClient().getManagedClusters().beginDelete(RG, AKS));
      assertThatThrownBy(() -> m.containerService().kubernetesClusters().getByResourceGroup(RG, AKS))
          .isInstanceOfSatisfying(ManagementException.class,
              e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
      m.resources().resourceGroups().deleteByName(RG);
      assertThat(m.resources().resourceGroups().contain(RG)).isFalse();
    }
  }

  private static VirtualNetworkInner createVnet(NetworkManager network) {
    VirtualNetworkInner body = new VirtualNetworkInner().withLocation(REGION.name())
        .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("192.168.0.0/16")))
        .withSubnets(List.of(
            new SubnetInner().withName("aks").withAddressPrefix("192.168.1.0/24")
                .withDefaultOutboundAccess(false),
            new SubnetInner().withName("acr").withAddressPrefix("192.168.2.0/24")
                .withPrivateEndpointNetworkPolicies(VirtualNetworkPrivateEndpointNetworkPolicies.DISABLED)));
    return network.serviceClient().getVirtualNetworks().createOrUpdate(RG, VNET, body);
  }

  /** The private endpoint NIC's address per required member ({@code registry}, {@code registry_data_<region>}). */
  private static Map<String, String> memberAddresses(NetworkManager network, PrivateEndpoint pe) {
    String nicId = pe.innerModel().networkInterfaces().get(0).id();
    NetworkInterfaceInner nic = network.serviceClient().getNetworkInterfaces()
        .getByResourceGroup(RG, nicId.substring(nicId.lastIndexOf('/') + 1));
    Map<String, String> byMember = new java.util.TreeMap<>();
    for (NetworkInterfaceIpConfigurationInner ip : nic.ipConfigurations()) {
      byMember.put(ip.privateLinkConnectionProperties().requiredMemberName(), ip.privateIpAddress());
    }
    return byMember;
  }

  private static ManagedClusterInner createCluster(ContainerServiceManager cs, Identity clusterId,
      Identity kubeletId, String subnetId, String registryId) {
    ManagedClusterInner body = new ManagedClusterInner().withLocation(REGION.name())
        .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.USER_ASSIGNED)
            .withUserAssignedIdentities(Map.of(clusterId.id(),
                new ManagedServiceIdentityUserAssignedIdentitiesValue())))
        .withDnsPrefix(AKS)
        .withAgentPoolProfiles(List.of(new ManagedClusterAgentPoolProfile().withName("nodepool1")
            .withCount(1).withVmSize("Standard_DS2_v2").withMode(AgentPoolMode.SYSTEM)
            .withOsType(OSType.LINUX).withVnetSubnetId(subnetId)))
        .withIdentityProfile(Map.of("kubeletidentity", new UserAssignedIdentity()
            .withResourceId(kubeletId.id()).withClientId(kubeletId.clientId())
            .withObjectId(kubeletId.principalId())))
        .withNetworkProfile(new ContainerServiceNetworkProfile().withNetworkPlugin(NetworkPlugin.AZURE)
            .withOutboundType(OutboundType.NONE))
        .withBootstrapProfile(new ManagedClusterBootstrapProfile()
            .withArtifactSource(ArtifactSource.CACHE).withContainerRegistryId(registryId));
    return waitFor(cs.serviceClient().getManagedClusters().beginCreateOrUpdate(RG, AKS, body));
  }

  /** Waits with the SDK's own poller, bounded, and insists on success before the final result. */
  private static <T, U> U waitFor(SyncPoller<T, U> poller) {
    PollResponse<T> last = poller.waitForCompletion(LRO_BOUND);
    assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    return poller.getFinalResult();
  }
}
