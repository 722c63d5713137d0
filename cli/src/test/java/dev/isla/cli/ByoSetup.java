package dev.isla.cli;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps 1 to 5 of the seed's BYO-ACR how-to (scenarios/byo-acr-setup.sh), command for command,
 * through the CLI; keeps the values the script captures with {@code $(...)}.
 */
final class ByoSetup {

  static final String LOCATION = "eastus";

  final String group;
  final String registry;
  String subnetId;
  String registryId;
  String nicId;
  String registryIp;
  String dataIp;
  String clusterIdentityId;
  String kubeletIdentityId;
  String kubeletPrincipalId;

  ByoSetup(String group, String registry) {
    this.group = group;
    this.registry = registry;
  }

  ByoSetup run(ServerAz az) {
    az.ok("feature", "register", "--namespace", "Microsoft.ContainerService", "--name",
        "NetworkIsolatedClusterPreview");
    az.ok("provider", "register", "--namespace", "Microsoft.ContainerService");
    az.ok("provider", "register", "--namespace", "Microsoft.ContainerRegistry");
    network(az);
    registry(az);
    privateEndpoint(az);
    privateDns(az);
    identities(az);
    return this;
  }

  private void network(ServerAz az) {
    az.ok("group", "create", "--name", group, "--location", LOCATION);
    az.ok("network", "vnet", "create", "--resource-group", group, "--name", "vnet-isolated",
        "--address-prefixes", "192.168.0.0/16");
    az.ok("network", "vnet", "subnet", "create", "--name", "aks-subnet", "--vnet-name",
        "vnet-isolated", "--resource-group", group, "--address-prefixes", "192.168.1.0/24",
        "--default-outbound-access", "false");
    subnetId = az.ok("network", "vnet", "subnet", "show", "--name", "aks-subnet", "--vnet-name",
        "vnet-isolated", "--resource-group", group, "--query", "id", "--output", "tsv");
    az.ok("network", "vnet", "subnet", "create", "--name", "acr-subnet", "--vnet-name",
        "vnet-isolated", "--resource-group", group, "--address-prefixes", "192.168.2.0/24",
        "--private-endpoint-network-policies", "Disabled");
  }

  private void registry(ServerAz az) {
    az.ok("acr", "create", "--resource-group", group, "--name", registry, "--sku", "Premium",
        "--public-network-enabled", "false");
    az.ok("acr", "update", "--resource-group", group, "--name", registry,
        "--anonymous-pull-enabled", "true");
    registryId = az.ok("acr", "show", "--name", registry, "-g", group, "--query", "id",
        "--output", "tsv");
    az.ok("acr", "cache", "create", "-n", "acr-cache-rule", "-r", registry, "-g", group,
        "--source-repo", "mcr.microsoft.com/*", "--target-repo", "*");
  }

  private void privateEndpoint(ServerAz az) {
    az.ok("network", "private-endpoint", "create", "--name", "myPrivateEndpoint",
        "--resource-group", group, "--vnet-name", "vnet-isolated", "--subnet", "acr-subnet",
        "--private-connection-resource-id", registryId, "--group-id", "registry",
        "--connection-name", "myConnection");
    nicId = az.ok("network", "private-endpoint", "show", "--name", "myPrivateEndpoint",
        "--resource-group", group, "--query", "networkInterfaces[0].id", "--output", "tsv");
    registryIp = az.ok("network", "nic", "show", "--ids", nicId, "--query",
        "ipConfigurations[?privateLinkConnectionProperties.requiredMemberName=='registry']"
            + ".privateIPAddress", "--output", "tsv");
    dataIp = az.ok("network", "nic", "show", "--ids", nicId, "--query",
        "ipConfigurations[?privateLinkConnectionProperties.requiredMemberName=='registry_data_"
            + LOCATION + "'].privateIPAddress", "--output", "tsv");
    assertThat(registryIp).matches("192\\.168\\.2\\.[0-9]+");
    assertThat(dataIp).matches("192\\.168\\.2\\.[0-9]+").isNotEqualTo(registryIp);
  }

  private void privateDns(ServerAz az) {
    String zone = "privatelink.azurecr.io";
    az.ok("network", "private-dns", "zone", "create", "--resource-group", group, "--name", zone);
    az.ok("network", "private-dns", "link", "vnet", "create", "--resource-group", group,
        "--zone-name", zone, "--name", "MyDNSLink", "--virtual-network", "vnet-isolated",
        "--registration-enabled", "false");
    for (String[] record : new String[][] {{registry, registryIp},
        {registry + "." + LOCATION + ".data", dataIp}}) {
      az.ok("network", "private-dns", "record-set", "a", "create", "--name", record[0],
          "--zone-name", zone, "--resource-group", group);
      az.ok("network", "private-dns", "record-set", "a", "add-record", "--record-set-name",
          record[0], "--zone-name", zone, "--resource-group", group, "--ipv4-address",
          record[1]);
    }
  }

  private void identities(ServerAz az) {
    az.ok("identity", "create", "--name", "id-cluster", "--resource-group", group);
    clusterIdentityId = az.ok("identity", "show", "--name", "id-cluster", "--resource-group",
        group, "--query", "id", "-o", "tsv");
    az.ok("identity", "create", "--name", "id-kubelet", "--resource-group", group);
    kubeletIdentityId = az.ok("identity", "show", "--name", "id-kubelet", "--resource-group",
        group, "--query", "id", "-o", "tsv");
    kubeletPrincipalId = az.ok("identity", "show", "--name", "id-kubelet", "--resource-group",
        group, "--query", "principalId", "-o", "tsv");
    az.ok("role", "assignment", "create", "--role", "AcrPull", "--scope", registryId,
        "--assignee-object-id", kubeletPrincipalId, "--assignee-principal-type",
        "ServicePrincipal");
  }

  /** Scenario 04's {@code az aks create}: BYO registry, private link, outbound none. */
  String[] createCluster(String name) {
    return new String[] {"aks", "create", "--resource-group", group, "--name", name,
        "--kubernetes-version", "1.30.3", "--vnet-subnet-id", subnetId, "--assign-identity",
        clusterIdentityId, "--assign-kubelet-identity", kubeletIdentityId,
        "--bootstrap-artifact-source", "Cache", "--bootstrap-container-registry-resource-id",
        registryId, "--outbound-type", "none", "--network-plugin", "azure",
        "--enable-private-cluster"};
  }
}
