package dev.isla.dns;

import dev.isla.dns.catalog.InMemoryDnsCatalog;
import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.PublicHost;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import dev.isla.dns.catalog.ResolutionPolicy;
import dev.isla.dns.catalog.ZoneLink;
import java.util.List;

/**
 * The seed's BYO-registry world: registry {@code myacr} (region eastus) with an approved private
 * endpoint, its zone {@code privatelink.azurecr.io} linked to the cluster VNet with the login
 * server and data endpoint records, a private AKS cluster, MCR, and a registry without a private
 * endpoint.
 */
public final class SeedCatalog {

  public static final String VNET =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/aks-vnet";
  public static final String OTHER_VNET =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/other-vnet";
  public static final String ACR_PUBLIC = "20.62.128.10";
  public static final String ACR_DATA_PUBLIC = "20.62.128.11";
  public static final String PLAIN_ACR_PUBLIC = "20.62.128.20";
  public static final String MCR_PUBLIC = "20.61.99.1";
  public static final String API_PUBLIC = "20.1.2.3";

  private SeedCatalog() {}

  public static InMemoryDnsCatalog create() {
    return create(ResolutionPolicy.Default);
  }

  public static InMemoryDnsCatalog create(ResolutionPolicy policy) {
    return new InMemoryDnsCatalog()
        .put(new PrivateZone("privatelink.azurecr.io", List.of(
            RecordSet.of("myacr", 10, RecordData.a("192.168.2.4")),
            RecordSet.of("myacr.eastus.data", 10, RecordData.a("192.168.2.5"))),
            List.of(new ZoneLink(VNET, policy))))
        .put(new PrivateZone("privatelink.eastus.azmk8s.io", List.of(
            RecordSet.of("mycluster-abc123", 300, RecordData.a("10.224.0.4"))),
            List.of(new ZoneLink(VNET, ResolutionPolicy.Default))))
        .put(PublicHost.registryEndpoint("myacr.azurecr.io", ACR_PUBLIC, true))
        .put(PublicHost.registryEndpoint("myacr.eastus.data.azurecr.io", ACR_DATA_PUBLIC, true))
        .put(PublicHost.registryEndpoint("forgotten.azurecr.io", "20.62.128.30", true))
        .put(PublicHost.registryEndpoint("plainacr.azurecr.io", PLAIN_ACR_PUBLIC, false))
        .put(PublicHost.of("mcr.microsoft.com", MCR_PUBLIC))
        .put(PublicHost.of("eastus.data.mcr.microsoft.com", "20.61.99.2"))
        .put(PublicHost.of("mycluster-abc123.hcp.eastus.azmk8s.io", API_PUBLIC));
  }
}
