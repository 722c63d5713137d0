package dev.isla.controlplane.rp.containerservice;

import static dev.isla.controlplane.rp.containerservice.AksFixture.API;
import static dev.isla.controlplane.rp.containerservice.AksFixture.assertAksError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.store.ResourceQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating managed clusters over HTTP: the seed's create flows, the §4.3 shape, the PUT-time rules. */
class ManagedClusterIT {

  private static final String ISOLATED = "\"kubernetesVersion\":\"1.30.3\",\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},"
      + "\"networkProfile\":{\"networkPlugin\":\"azure\",\"outboundType\":\"none\"}";

  private AksFixture aks;

  @BeforeEach
  void start() {
    aks = new AksFixture();
  }

  @AfterEach
  void stop() {
    aks.close();
  }

  @Test
  void managedRegistryPrivateLinkCreateAsTheSeed() {
    aks.registerIsolation();
    ArmTestServer.Reply created = aks.put("aks1", ISOLATED + ",\"apiServerAccessProfile\":{\"enablePrivateCluster\":true}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("properties").path("provisioningState").asText()).isEqualTo("Creating");
    assertThat(created.header("Azure-AsyncOperation")).contains("/providers/Microsoft.ContainerService/locations/eastus/operations/");
    assertThat(aks.server.await(created.header("Azure-AsyncOperation")).path("status").asText()).isEqualTo("Succeeded");

    JsonNode c = aks.get("aks1");
    JsonNode p = c.path("properties");
    assertThat(c.path("type").asText()).isEqualTo("Microsoft.ContainerService/ManagedClusters");
    assertThat(p.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(p.path("networkProfile").path("outboundType").asText()).isEqualTo("none");
    assertThat(p.path("bootstrapProfile").path("artifactSource").asText()).isEqualTo("Cache");
    String nodeGroup = "MC_rg1_aks1_eastus";
    assertThat(p.path("nodeResourceGroup").asText()).isEqualTo(nodeGroup);
    String registryId = p.path("bootstrapProfile").path("containerRegistryId").asText();
    assertThat(registryId).matches("/subscriptions/.*/resourceGroups/" + nodeGroup
        + "/providers/Microsoft.ContainerRegistry/registries/aksbootstrap[0-9a-f]{10}");
    assertThat(p.path("fqdn").asText()).matches(p.path("dnsPrefix").asText().toLowerCase() + "-[0-9a-f]{8}\\.hcp\\.eastus\\.azmk8s\\.io");
    assertThat(p.path("privateFQDN").asText()).matches(".*-[0-9a-f]{8}\\.[0-9a-f-]{36}\\.privatelink\\.eastus\\.azmk8s\\.io");
    assertThat(p.path("apiServerAccessProfile").path("privateDNSZone").asText()).isEqualTo("system");
    JsonNode kubelet = p.path("identityProfile").path("kubeletidentity");
    assertThat(kubelet.path("resourceId").asText()).endsWith("/resourceGroups/" + nodeGroup
        + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks1-agentpool");
    assertThat(kubelet.path("clientId").asText()).hasSize(36);
    assertThat(c.path("identity").path("type").asText()).isEqualTo("SystemAssigned");

    JsonNode rgNode = aks.server.get("/subscriptions/" + aks.sub + "/resourceGroups/" + nodeGroup + "?" + ArmTestServer.API).json();
    assertThat(rgNode.path("managedBy").asText()).isEqualTo(aks.cluster("aks1"));
    ResourceId group = ResourceId.resourceGroup(aks.sub, nodeGroup);
    ResourceId registry = ResourceId.parse(registryId);
    assertThat(aks.store().get(registry).orElseThrow().body().path("sku").path("name").asText()).isEqualTo("Premium");
    JsonNode rule = aks.store().get(registry.child("cacheRules", "aks-managed-mcr")).orElseThrow().body().path("properties");
    assertThat(rule.path("sourceRepository").asText()).isEqualTo("mcr.microsoft.com/*");
    assertThat(rule.path("targetRepository").asText()).isEqualTo("aks-managed-repository/*");
    ResourceId zone = ResourceId.of(aks.sub, nodeGroup, "Microsoft.Network", "privateDnsZones", "privatelink.azurecr.io");
    assertThat(aks.store().get(zone.child("A", registry.name())).orElseThrow().body()
        .path("properties").path("aRecords").get(0).path("ipv4Address").asText()).isEqualTo("10.224.0.4");
    assertThat(aks.store().get(zone.child("A", registry.name() + ".eastus.data")).orElseThrow().body()
        .path("properties").path("aRecords").get(0).path("ipv4Address").asText()).isEqualTo("10.224.0.5");
    assertThat(aks.store().list(ResourceQuery.ofType("microsoft.network/privatednszones/virtualnetworklinks").withUnder(group)))
        .as("the registry's zone and the API server's").hasSize(2);
    String privateFqdn = p.path("privateFQDN").asText();
    ResourceId apiZone = ResourceId.of(aks.sub, nodeGroup, "Microsoft.Network", "privateDnsZones",
        privateFqdn.substring(privateFqdn.indexOf('.') + 1));
    assertThat(aks.store().get(apiZone.child("A", privateFqdn.substring(0, privateFqdn.indexOf('.'))))
        .orElseThrow().body().path("properties").path("aRecords").get(0).path("ipv4Address").asText())
        .as("the API server's private address, after the registry's two").isEqualTo("10.224.0.6");
    JsonNode acrPull = aks.store().list(ResourceQuery.ofType(LinkedResourceRules.ROLE_ASSIGNMENT_TYPE).withUnder(registry))
        .getFirst().body().path("properties");
    assertThat(acrPull.path("roleDefinitionId").asText()).endsWith(ManagedRegistry.ACR_PULL);
    assertThat(acrPull.path("principalId").asText()).isEqualTo(kubelet.path("objectId").asText());
    assertThat(aks.store().list(ResourceQuery.ofType("microsoft.network/virtualnetworks").withUnder(group))
        .getFirst().id().name()).matches("aks-vnet-[0-9]{8}");
  }

  @Test
  void agentPoolsInlineAndAsChildrenAgree() {
    JsonNode c = aks.create("aks2", "\"kubernetesVersion\":\"1.30\"");
    JsonNode inline = c.path("properties").path("agentPoolProfiles");
    assertThat(inline).hasSize(1);
    JsonNode pool = inline.get(0);
    assertThat(pool.path("name").asText()).isEqualTo("nodepool1");
    assertThat(pool.path("count").asInt()).isEqualTo(3);
    assertThat(pool.path("vmSize").asText()).isEqualTo("Standard_DS2_v2");
    assertThat(pool.path("mode").asText()).isEqualTo("System");
    assertThat(pool.path("type").asText()).isEqualTo("VirtualMachineScaleSets");
    assertThat(pool.path("osSKU").asText()).isEqualTo("Ubuntu");
    assertThat(pool.path("maxPods").asInt()).isEqualTo(30);
    assertThat(pool.path("orchestratorVersion").asText()).isEqualTo("1.30.14");
    assertThat(pool.path("nodeImageVersion").asText()).isEqualTo("AKSUbuntu-2204gen2containerd-202511.07.0");
    assertThat(pool.path("provisioningState").asText()).isEqualTo("Succeeded");
    JsonNode child = aks.server.get(aks.cluster("aks2") + "/agentPools/nodepool1?" + API).json();
    assertThat(child.path("type").asText()).isEqualTo("Microsoft.ContainerService/managedClusters/agentPools");
    assertThat(AgentPoolBodies.inline("nodepool1", child.path("properties"))).isEqualTo(pool);
    assertThat(aks.server.get(aks.cluster("aks2") + "/agentPools?" + API).json().path("value")).hasSize(1);
    JsonNode machines = aks.server.get(aks.cluster("aks2") + "/agentPools/nodepool1/machines?" + API).json().path("value");
    assertThat(machines).hasSize(3);
    assertThat(machines.get(0).path("name").asText()).matches("aks-nodepool1-[0-9]{8}-vmss000000");
    assertThat(c.path("properties").path("networkProfile").path("outboundType").asText()).isEqualTo("loadBalancer");
    assertThat(c.path("properties").path("bootstrapProfile").path("artifactSource").asText()).isEqualTo("Direct");
    assertThat(c.path("properties").has("privateFQDN")).isFalse();
  }

  @Test
  void outboundNoneNeedsCacheWithAksExactError() {
    aks.registerIsolation();
    ArmTestServer.Reply r = aks.put("bad", "\"networkProfile\":{\"outboundType\":\"none\"}");
    assertAksError(r, 400, "InvalidNetworkIsolatedClusterConfiguration",
        "When outbound type is none or block, bootstrapProfile.artifactSource must be 'Cache'");
    assertThat(r.json().path("subcode").asText()).isEmpty();
    assertThat(r.json().path("details").isNull()).isTrue();
    assertNothingStored("bad");
  }

  @Test
  void isolationNeedsThePreviewFeature() {
    assertAksError(aks.put("bad", ISOLATED), 400, "BadRequest",
        "Feature Microsoft.ContainerService/NetworkIsolatedClusterPreview is not enabled. Please see https://aka.ms/aks/previews");
    assertNothingStored("bad");
  }

  @Test
  void vnetIntegrationNeedsItsOwnPreviewFeatureThenCreatesWithPrivateZone() {
    aks.registerIsolation();
    String props = ISOLATED + ",\"apiServerAccessProfile\":{\"enablePrivateCluster\":true,\"enableVnetIntegration\":true}";
    assertAksError(aks.put("v", props), 400, "BadRequest", "EnableAPIServerVnetIntegrationPreview is not enabled");
    assertNothingStored("v");
    aks.register(ClusterRules.VNET_INTEGRATION_FEATURE);
    JsonNode c = aks.create("v", props, "");
    assertThat(c.path("properties").path("apiServerAccessProfile").path("enableVnetIntegration").asBoolean()).isTrue();
    assertThat(c.path("properties").path("privateFQDN").asText()).contains(".private.eastus.azmk8s.io");
  }

  @Test
  void unsupportedKubernetesVersionsAndOldVersionsForIsolation() {
    assertAksError(aks.put("bad", "\"kubernetesVersion\":\"1.27.3\""), 400, "AgentPoolK8sVersionNotSupported",
        "Version 1.27.3 is not supported in this region");
    aks.registerIsolation();
    assertAksError(aks.put("bad", ISOLATED.replace("1.30.3", "1.29.15")), 400,
        "InvalidNetworkIsolatedClusterConfiguration", "1.30 or later");
    assertNothingStored("bad");
  }

  @Test
  void kubenetAndUnknownValuesAreRefusedWithIsolation() {
    aks.registerIsolation();
    assertAksError(aks.put("bad", ISOLATED.replace("\"azure\"", "\"kubenet\"")), 400,
        "InvalidNetworkIsolatedClusterConfiguration", "kubenet");
    assertAksError(aks.put("bad", "\"networkProfile\":{\"outboundType\":\"sideways\"}"), 400, "InvalidParameter",
        "networkProfile.outboundType");
    assertAksError(aks.put("bad", "\"bootstrapProfile\":{\"artifactSource\":\"Mirror\"}"), 400, "InvalidParameter",
        "bootstrapProfile.artifactSource");
    assertNothingStored("bad");
  }

  @Test
  void outboundTypeIsCaseInsensitiveAndStoredCanonical() {
    JsonNode c = aks.create("lb", "\"networkProfile\":{\"outboundType\":\"LoadBalancer\"}");
    assertThat(c.path("properties").path("networkProfile").path("outboundType").asText()).isEqualTo("loadBalancer");
  }

  @Test
  void blockNeedsAnAksManagedVnet() {
    aks.registerIsolation();
    aks.byoNetwork();
    String pools = ",\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"vnetSubnetID\":\"" + aks.subnetId("aks-subnet") + "\"}]";
    assertAksError(aks.put("bad", ISOLATED.replace("\"none\"", "\"block\"") + pools), 400,
        "InvalidNetworkIsolatedClusterConfiguration", "only supported with an AKS-managed virtual network");
    assertNothingStored("bad");
    assertThat(aks.create("blk", ISOLATED.replace("\"none\"", "\"block\"")).path("properties").path("networkProfile")
        .path("outboundType").asText()).isEqualTo("block");
  }

  @Test
  void nodeSubnetMustExist() {
    String pools = "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"vnetSubnetID\":\"" + aks.subnetId("nope") + "\"}]";
    assertAksError(aks.put("bad", pools), 400, "InvalidParameter", "was not found");
    assertNothingStored("bad");
  }

  @Test
  void byoRegistryRules() {
    aks.registerIsolation();
    String basic = aks.registry("basicacr", "Basic");
    String premium = aks.registry("premiumacr", "Premium");
    assertAksError(aks.put("bad", "\"bootstrapProfile\":{\"artifactSource\":\"Direct\",\"containerRegistryId\":\"" + premium + "\"}"),
        400, "InvalidBootstrapContainerRegistry", "only be set when bootstrapProfile.artifactSource is 'Cache'");
    assertAksError(aks.put("bad", ISOLATED.replace("\"Cache\"}", "\"Cache\",\"containerRegistryId\":\"" + basic + "\"}")),
        400, "InvalidBootstrapContainerRegistry", "needs a Premium registry");
    assertAksError(aks.put("bad", ISOLATED.replace("\"Cache\"}", "\"Cache\",\"containerRegistryId\":\"" + premium + "x\"}")),
        400, "InvalidBootstrapContainerRegistry", "was not found");
    assertAksError(aks.put("bad", ISOLATED.replace("\"Cache\"}", "\"Cache\",\"containerRegistryId\":\"not-an-id\"}")),
        400, "InvalidBootstrapContainerRegistry", "is not a valid Azure resource ID");
    assertAksError(aks.put("bad", ISOLATED.replace("\"Cache\"}", "\"Cache\",\"containerRegistryId\":\"" + aks.vnet() + "\"}")),
        400, "InvalidBootstrapContainerRegistry", "is not the resource ID of a container registry");
    assertNothingStored("bad");
  }

  @Test
  void identityRules() {
    aks.identity("cp1");
    aks.identity("cp2");
    aks.identity("kubelet");
    String two = ",\"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"" + aks.identityId("cp1")
        + "\":{},\"" + aks.identityId("cp2") + "\":{}}}";
    assertAksError(aks.put("bad", "\"dnsPrefix\":\"x\"", two), 400, "InvalidParameter", "Only one user assigned identity");
    String kubelet = "\"identityProfile\":{\"kubeletidentity\":{\"resourceId\":\"" + aks.identityId("kubelet") + "\"}}";
    assertAksError(aks.put("bad", kubelet), 400, "InvalidParameter", "user assigned control plane identity");
    String missing = ",\"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"" + aks.identityId("ghost") + "\":{}}}";
    assertAksError(aks.put("bad", "\"dnsPrefix\":\"x\"", missing), 400, "InvalidParameter", "was not found");
    assertNothingStored("bad");
  }

  @Test
  void byoCreateWithRegistryIdAsSeedStep6() {
    aks.registerIsolation();
    aks.byoNetwork();
    String principal = aks.identity("id-cluster");
    aks.identity("id-kubelet");
    String registry = aks.registry("byoacr", "Premium");
    aks.cacheRule(registry, "acr-cache-rule", "*");
    JsonNode c = aks.create("byo", byoProperties(registry), byoIdentity());
    JsonNode p = c.path("properties");
    assertThat(p.path("bootstrapProfile").path("containerRegistryId").asText()).isEqualTo(registry);
    assertThat(p.path("identityProfile").path("kubeletidentity").path("resourceId").asText()).isEqualTo(aks.identityId("id-kubelet"));
    assertThat(c.path("identity").path("userAssignedIdentities").path(aks.identityId("id-cluster")).path("principalId").asText())
        .isEqualTo(principal);
    assertThat(p.path("agentPoolProfiles").get(0).path("vnetSubnetID").asText()).isEqualTo(aks.subnetId("aks-subnet"));
    JsonNode machine = aks.server.get(aks.cluster("byo") + "/agentPools/nodepool1/machines?" + API).json().path("value").get(0);
    assertThat(machine.path("properties").path("bootstrap").path("containerRegistryServer").asText()).isEqualTo("byoacr.azurecr.io");
    assertThat(aks.store().list(ResourceQuery.ofType(LinkedResourceRules.REGISTRY_TYPE))).hasSize(1);
  }

  @Test
  void vnetIntegrationWithByoVnetNeedsAnApiServerSubnetWithNetworkContributor() {
    aks.registerIsolation();
    aks.register(ClusterRules.VNET_INTEGRATION_FEATURE);
    aks.byoNetwork();
    String principal = aks.identity("id-cluster");
    aks.identity("id-kubelet");
    String registry = aks.registry("byoacr", "Premium");
    String base = byoProperties(registry) + ",\"apiServerAccessProfile\":{\"enableVnetIntegration\":true";
    assertAksError(aks.put("v", base + "}", byoIdentity()), 400, "InvalidParameter", "requires apiServerAccessProfile.subnetId");
    assertAksError(aks.put("v", base + ",\"subnetId\":\"" + aks.subnetId("aks-subnet") + "\"}", byoIdentity()), 400,
        "InvalidParameter", "must not be the node subnet");
    String other = aks.rg + "/providers/Microsoft.Network/virtualNetworks/other/subnets/s";
    aks.seed(other, LinkedResourceRules.SUBNET_TYPE, "{\"properties\":{\"addressPrefix\":\"10.1.0.0/24\"}}");
    assertAksError(aks.put("v", base + ",\"subnetId\":\"" + other + "\"}", byoIdentity()), 400,
        "InvalidParameter", "same virtual network");
    String api = base + ",\"subnetId\":\"" + aks.subnetId("apiserver-subnet") + "\"}";
    assertAksError(aks.put("v", api, byoIdentity()), 400, "InsufficientSubnetPermissions", "Network Contributor");
    assertNothingStored("v");
    aks.roleAssignment(aks.subnetId("apiserver-subnet"), principal, LinkedResourceRules.NETWORK_CONTRIBUTOR);
    JsonNode c = aks.create("v", api, byoIdentity());
    assertThat(c.path("properties").path("apiServerAccessProfile").path("subnetId").asText()).isEqualTo(aks.subnetId("apiserver-subnet"));
    assertThat(c.path("properties").has("privateFQDN")).isFalse();
  }

  String byoProperties(String registry) {
    return "\"kubernetesVersion\":\"1.30.3\",\"bootstrapProfile\":{\"artifactSource\":\"Cache\",\"containerRegistryId\":\""
        + registry + "\"},\"networkProfile\":{\"networkPlugin\":\"azure\",\"outboundType\":\"none\"},"
        + "\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":3,\"vnetSubnetID\":\"" + aks.subnetId("aks-subnet") + "\"}],"
        + "\"identityProfile\":{\"kubeletidentity\":{\"resourceId\":\"" + aks.identityId("id-kubelet") + "\"}}";
  }

  String byoIdentity() {
    return ",\"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"" + aks.identityId("id-cluster") + "\":{}}}";
  }

  private void assertNothingStored(String name) {
    ArmTestServer.Reply r = aks.server.get(aks.cluster(name) + "?" + API);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("code").asText()).isEqualTo("ResourceNotFound");
    assertThat(aks.store().list(ResourceQuery.ofType("microsoft.containerservice/managedclusters/agentpools")
        .withParent(ResourceId.parse(aks.cluster(name))))).isEmpty();
  }
}
