package dev.isla.fabric;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.Cluster;
import dev.isla.fabric.catalog.InMemoryFabricCatalog;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.catalog.PrivateEndpointAddress;
import dev.isla.fabric.catalog.PublicService;
import dev.isla.fabric.catalog.Registry;
import dev.isla.fabric.catalog.Subnet;
import dev.isla.fabric.catalog.VirtualNetwork;
import dev.isla.fabric.route.NodePosition;
import java.util.List;

/**
 * The seed's BYO network (research/aks-isolation.md §3): VNet 192.168.0.0/16 with the AKS subnet
 * (default outbound access off) and the ACR subnet holding the registry's private endpoint, a
 * cluster with outbound type {@code none}, the registry's public address and the MCR stand-in.
 */
public final class SeedNetwork {

  public static final String SUB = "00000000-0000-0000-0000-000000000001";
  public static final ResourceId VNET = ResourceId.of(SUB, "rg", "Microsoft.Network", "virtualNetworks", "vnet");
  public static final ResourceId AKS_SUBNET = VNET.child("subnets", "aks");
  public static final ResourceId ACR_SUBNET = VNET.child("subnets", "acr");
  public static final ResourceId OTHER_VNET = ResourceId.of(SUB, "rg", "Microsoft.Network", "virtualNetworks", "other");
  public static final ResourceId OTHER_SUBNET = OTHER_VNET.child("subnets", "default");
  public static final ResourceId CLUSTER = ResourceId.of(SUB, "rg", "Microsoft.ContainerService", "managedClusters", "aks");
  public static final ResourceId REGISTRY = ResourceId.of(SUB, "rg", "Microsoft.ContainerRegistry", "registries", "myacr");
  public static final ResourceId ENDPOINT = ResourceId.of(SUB, "rg", "Microsoft.Network", "privateEndpoints", "myPrivateEndpoint");

  public static final LogicalAddress NODE_0 = LogicalAddress.parse("192.168.1.4");
  public static final LogicalAddress NODE_1 = LogicalAddress.parse("192.168.1.5");
  public static final LogicalAddress PE_REGISTRY = LogicalAddress.parse("192.168.2.4");
  public static final LogicalAddress PE_DATA = LogicalAddress.parse("192.168.2.5");
  public static final LogicalAddress REGISTRY_PUBLIC = LogicalAddress.parse("20.50.0.10");
  public static final LogicalAddress MCR = LogicalAddress.parse("20.62.0.5");

  private SeedNetwork() {}

  /** The catalog, with the cluster's outbound type and the AKS subnet's default outbound access as given. */
  public static InMemoryFabricCatalog catalog(OutboundType outbound, boolean defaultOutboundAccess) {
    return new InMemoryFabricCatalog()
        .put(new VirtualNetwork(VNET, List.of(AddressPrefix.parse("192.168.0.0/16"))))
        .put(new Subnet(AKS_SUBNET, AddressPrefix.parse("192.168.1.0/24"), defaultOutboundAccess, false, false))
        .put(new Subnet(ACR_SUBNET, AddressPrefix.parse("192.168.2.0/24"), true, false, false))
        .put(new VirtualNetwork(OTHER_VNET, List.of(AddressPrefix.parse("10.1.0.0/16"))))
        .put(new Subnet(OTHER_SUBNET, AddressPrefix.parse("10.1.0.0/24"), true, false, false))
        .put(new Cluster(CLUSTER, outbound))
        .put(new PrivateEndpointAddress(ENDPOINT, ACR_SUBNET, PE_REGISTRY, REGISTRY, "registry", true))
        .put(new PrivateEndpointAddress(ENDPOINT, ACR_SUBNET, PE_DATA, REGISTRY, "registry_data_eastus", true))
        .put(new Registry(REGISTRY, "myacr.azurecr.io", List.of("myacr.eastus.data.azurecr.io"),
            REGISTRY_PUBLIC, false))
        .put(new PublicService("mcr.microsoft.com", MCR));
  }

  /** The n-th node of the cluster's pool, in the AKS subnet. */
  public static NodePosition node(int n) {
    return NodePosition.of("aks-nodepool1-12345678-vmss00000" + n, CLUSTER, AKS_SUBNET,
        LogicalAddress.parse("192.168.1." + (4 + n)));
  }
}
