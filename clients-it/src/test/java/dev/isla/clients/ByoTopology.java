package dev.isla.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.management.Region;
import com.azure.core.management.ResourceAuthorIdentityType;
import com.azure.core.management.SystemData;
import com.azure.resourcemanager.authorization.models.BuiltInRole;
import com.azure.resourcemanager.authorization.models.RoleAssignment;
import com.azure.resourcemanager.containerregistry.fluent.models.CacheRuleInner;
import com.azure.resourcemanager.containerregistry.models.PublicNetworkAccess;
import com.azure.resourcemanager.containerregistry.models.Registry;
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
import com.azure.resourcemanager.privatedns.models.PrivateDnsZone;
import com.azure.resourcemanager.privatedns.models.VirtualNetworkLink;
import com.azure.resourcemanager.privatedns.models.VirtualNetworkLinkState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The seed's bring-your-own topology for a network-isolated cluster, created through the SDK
 * the way a user's program would (fluent API where it has the fields, the generated clients
 * where it does not — e.g. {@code defaultOutboundAccess}): resource group, cluster and kubelet
 * identities, a VNet with a node subnet and a private-endpoint subnet, a Premium registry
 * without public access with a cache rule for MCR, its private endpoint, the private DNS zone
 * {@code privatelink.azurecr.io} linked to the VNet with the endpoint's A records, and AcrPull
 * for the kubelet identity on the registry.
 *
 * @param clusterIdentity the cluster's user-assigned identity
 * @param kubeletIdentity the kubelet's user-assigned identity
 * @param nodeSubnetId the subnet the nodes join
 * @param registry the BYO registry
 */
record ByoTopology(Identity clusterIdentity, Identity kubeletIdentity, String nodeSubnetId,
    Registry registry) {

  static final Region REGION = Region.US_EAST;
  static final String ZONE = "privatelink.azurecr.io";
  /** AcrPull's role definition name (a GUID, the same in every cloud). */
  static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

  static ByoTopology create(Managers m, String rg, String registryName) {
    m.resources().resourceGroups().define(rg).withRegion(REGION).create();
    Identity cluster = m.msi().identities().define("cluster-id").withRegion(REGION)
        .withExistingResourceGroup(rg).create();
    Identity kubelet = m.msi().identities().define("kubelet-id").withRegion(REGION)
        .withExistingResourceGroup(rg).create();
    assertThat(kubelet.principalId()).isNotBlank().isNotEqualTo(cluster.principalId());
    VirtualNetworkInner vnet = vnet(m.network(), rg);
    Registry registry = registry(m, rg, registryName);
    Map<String, String> ips = privateEndpoint(m.network(), rg, vnet, registry);
    privateDns(m, rg, vnet, registryName, ips);
    grantAcrPull(m, kubelet, registry);
    return new ByoTopology(cluster, kubelet, vnet.id() + "/subnets/aks", registry);
  }

  private static VirtualNetworkInner vnet(NetworkManager network, String rg) {
    VirtualNetworkInner body = new VirtualNetworkInner().withLocation(REGION.name())
        .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("192.168.0.0/16")))
        .withSubnets(List.of(
            new SubnetInner().withName("aks").withAddressPrefix("192.168.1.0/24")
                .withDefaultOutboundAccess(false),
            new SubnetInner().withName("acr").withAddressPrefix("192.168.2.0/24")
                .withPrivateEndpointNetworkPolicies(VirtualNetworkPrivateEndpointNetworkPolicies.DISABLED)));
    VirtualNetworkInner vnet = network.serviceClient().getVirtualNetworks()
        .createOrUpdate(rg, "sdk-vnet", body);
    assertThat(vnet.subnets()).extracting(SubnetInner::name).containsExactlyInAnyOrder("aks", "acr");
    assertThat(vnet.subnets()).filteredOn(s -> s.name().equals("aks"))
        .extracting(SubnetInner::defaultOutboundAccess).containsExactly(false);
    return vnet;
  }

  private static Registry registry(Managers m, String rg, String name) {
    Registry registry = m.registry().containerRegistries().define(name).withRegion(REGION)
        .withExistingResourceGroup(rg).withPremiumSku().disablePublicNetworkAccess().create();
    assertThat(registry.publicNetworkAccess()).isEqualTo(PublicNetworkAccess.DISABLED);
    CacheRuleInner rule = m.registry().serviceClient().getCacheRules().create(rg, name, "mcr-cache",
        new CacheRuleInner().withSourceRepository("mcr.microsoft.com/*").withTargetRepository("*"));
    assertThat(rule.provisioningState().toString()).isEqualTo("Succeeded");
    SystemData data = registry.innerModel().systemData();
    assertThat(data.createdByType()).isEqualTo(ResourceAuthorIdentityType.APPLICATION);
    assertThat(data.createdBy()).isNotBlank().isEqualTo(rule.systemData().createdBy());
    assertThat(data.createdAt()).isNotNull();
    return registry;
  }

  /** Creates the registry's private endpoint; answers its NIC's address per required member. */
  private static Map<String, String> privateEndpoint(NetworkManager network, String rg,
      VirtualNetworkInner vnet, Registry registry) {
    PrivateEndpoint pe = network.privateEndpoints().define("acr-pe").withRegion(REGION)
        .withExistingResourceGroup(rg).withSubnetId(vnet.id() + "/subnets/acr")
        .definePrivateLinkServiceConnection("acr-conn").withResourceId(registry.id())
        .withSubResource(PrivateLinkSubResourceName.fromString("registry")).attach().create();
    String nicId = pe.innerModel().networkInterfaces().get(0).id();
    NetworkInterfaceInner nic = network.serviceClient().getNetworkInterfaces()
        .getByResourceGroup(rg, nicId.substring(nicId.lastIndexOf('/') + 1));
    Map<String, String> byMember = new TreeMap<>();
    for (NetworkInterfaceIpConfigurationInner ip : nic.ipConfigurations()) {
      byMember.put(ip.privateLinkConnectionProperties().requiredMemberName(), ip.privateIpAddress());
    }
    assertThat(byMember).containsOnlyKeys("registry", "registry_data_" + REGION.name());
    return byMember;
  }

  private static void privateDns(Managers m, String rg, VirtualNetworkInner vnet, String registry,
      Map<String, String> ips) {
    String data = "registry_data_" + REGION.name();
    PrivateDnsZone zone = m.dns().privateZones().define(ZONE).withExistingResourceGroup(rg)
        .defineARecordSet(registry).withIPv4Address(ips.get("registry")).attach()
        .defineARecordSet(registry + "." + REGION.name() + ".data").withIPv4Address(ips.get(data))
        .attach()
        .defineVirtualNetworkLink("vnet-link").withVirtualNetworkId(vnet.id()).attach()
        .create();
    assertThat(zone.aRecordSets().getByName(registry).ipv4Addresses())
        .containsExactly(ips.get("registry"));
    VirtualNetworkLink link = zone.virtualNetworkLinks().getByName("vnet-link");
    assertThat(link.referencedVirtualNetworkId()).isEqualToIgnoringCase(vnet.id());
    assertThat(link.virtualNetworkLinkState()).isEqualTo(VirtualNetworkLinkState.COMPLETED);
  }

  private static void grantAcrPull(Managers m, Identity kubelet, Registry registry) {
    RoleAssignment acrPull = m.authorization().roleAssignments().define(UUID.randomUUID().toString())
        .forObjectId(kubelet.principalId()).withBuiltInRole(BuiltInRole.ACR_PULL)
        .withScope(registry.id()).create();
    assertThat(acrPull.roleDefinitionId()).endsWith("/" + ACR_PULL);
    assertThat(m.authorization().roleAssignments().listByScope(registry.id()))
        .extracting(RoleAssignment::principalId).contains(kubelet.principalId());
  }
}
