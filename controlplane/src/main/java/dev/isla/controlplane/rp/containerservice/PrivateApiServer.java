package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.rp.network.AddressPlan;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import java.util.Locale;
import java.util.Optional;

/**
 * A private cluster's API server inside the cluster's VNet, as AKS sets it up
 * (research/aks-isolation.md §7): a private address — the API server's private endpoint in the
 * node subnet, or with API server VNet integration its internal load balancer in the API-server
 * subnet — allocated from that subnet's {@link AddressPlan}, and the private FQDN's A record:
 *
 * <ul>
 *   <li>{@code privateDNSZone: system}: AKS's own zone in the node resource group, named after
 *       the private FQDN's parent ({@code <guid>.privatelink.<region>.azmk8s.io}, or
 *       {@code <guid>.private.<region>.azmk8s.io} with VNet integration), linked to the node
 *       VNet, holding {@code <dnsPrefix>-<hash>} → the address;
 *   <li>a zone's resource id (BYO): the A record is written into that zone (the user links it);
 *   <li>{@code none}: no record (the user resolves the name themselves).
 * </ul>
 *
 * The public FQDN of a private cluster answers the same private address from public DNS (Azure
 * publishes it so that peered networks without the zone can reach the API server); the DNS
 * adapter reads it with {@link #address}.
 */
public final class PrivateApiServer {

  private final DependentResources resources;
  private final ResourceStore store;

  PrivateApiServer(DependentResources resources, ResourceStore store) {
    this.resources = resources;
    this.store = store;
  }

  /** The private API server address of {@code cluster}, once provisioned. */
  public static Optional<String> address(ResourceReader reader, ResourceId cluster) {
    String owner = owner(cluster).toString();
    return reader.list(ResourceQuery.ofType(AddressPlan.ALLOCATION_TYPE)
            .withUnder(ResourceId.subscription(cluster.subscriptionId()))).stream()
        .filter(r -> r.body().path("owner").asText().equalsIgnoreCase(owner))
        .map(r -> r.body().path("address").asText()).findFirst();
  }

  /** Allocates the address and writes the private FQDN's record; nothing for public clusters. */
  void ensure(ClusterNames names, String nodeResourceGroup, JsonNode properties, ResourceId nodeSubnet) {
    JsonNode api = properties.path("apiServerAccessProfile");
    String fqdn = properties.path("privateFQDN").asText("");
    if (!api.path("enablePrivateCluster").asBoolean() || fqdn.isBlank()) {
      return;
    }
    ResourceId subnet = api.path("enableVnetIntegration").asBoolean()
        && api.path("subnetId").isTextual() ? ResourceId.parse(api.path("subnetId").asText()) : nodeSubnet;
    String address = allocate(names.cluster(), subnet);
    String zoneSetting = api.path("privateDNSZone").asText("system");
    if (zoneSetting.equalsIgnoreCase("none")) {
      return;
    }
    String zoneName = fqdn.substring(fqdn.indexOf('.') + 1);
    ResourceId zone;
    if (zoneSetting.equalsIgnoreCase("system")) {
      zone = ResourceId.of(names.cluster().subscriptionId(), nodeResourceGroup, "Microsoft.Network",
          "privateDnsZones", zoneName);
      resources.ensure(zone, ResourceTypes.PRIVATE_DNS_ZONES, Json.object().put("location", "global"));
      ObjectNode link = Json.object().put("location", "global");
      ObjectNode lp = link.putObject("properties");
      lp.putObject("virtualNetwork").put("id", nodeSubnet.parent().orElseThrow().toString());
      lp.put("registrationEnabled", false);
      resources.ensure(zone.child("virtualNetworkLinks", "aks-apiserver-link"),
          ResourceTypes.VIRTUAL_NETWORK_LINKS, link);
    } else {
      zone = ResourceId.parse(zoneSetting);
      if (resources.find(zone, ResourceTypes.PRIVATE_DNS_ZONES).isEmpty()) {
        return;
      }
    }
    String suffix = "." + zone.name().toLowerCase(Locale.ROOT);
    if (fqdn.toLowerCase(Locale.ROOT).endsWith(suffix)) {
      ObjectNode record = Json.object();
      ObjectNode p = record.putObject("properties");
      p.put("ttl", 300);
      p.putArray("aRecords").addObject().put("ipv4Address", address);
      resources.put(zone.child("A", fqdn.substring(0, fqdn.length() - suffix.length())),
          ResourceTypes.A_RECORD_SETS, record);
    }
  }

  /** Gives the address back (cluster deletion). */
  void release(ResourceId cluster) {
    store.transaction(tx -> {
      AddressPlan.release(tx, owner(cluster));
      return null;
    });
  }

  private String allocate(ResourceId cluster, ResourceId subnet) {
    return store.transaction(tx -> {
      Optional<String> held = tx.list(ResourceQuery.ofType(AddressPlan.ALLOCATION_TYPE)
              .withUnder(subnet)).stream()
          .filter(r -> r.body().path("owner").asText().equalsIgnoreCase(owner(cluster).toString()))
          .map(r -> r.body().path("address").asText()).findFirst();
      if (held.isPresent()) {
        return held.get();
      }
      AddressPlan.release(tx, owner(cluster));
      return AddressPlan.reserve(tx, subnet, owner(cluster), 1).getFirst().toString();
    });
  }

  /** What holds the address in the address plan. */
  private static ResourceId owner(ResourceId cluster) {
    return cluster.extension("Isla.Internal", "apiServerAddresses", "private");
  }
}
