package dev.isla.launcher.adapt;

import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ResourceReader;
import dev.isla.controlplane.rp.containerservice.PrivateApiServer;
import dev.isla.controlplane.rp.privatedns.PrivateDnsView;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.dns.catalog.CachingDnsCatalog;
import dev.isla.dns.catalog.DnsCatalog;
import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.PublicHost;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import dev.isla.dns.catalog.ResolutionPolicy;
import dev.isla.dns.catalog.ZoneLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The DNS server's {@link DnsCatalog} over the control plane's store:
 *
 * <ul>
 *   <li>private zones linked to a VNet, from {@link PrivateDnsView} (A, AAAA, CNAME and TXT
 *       record sets; empty sets kept so that their names exist; a zone's SOA is Azure's default);
 *   <li>public hosts: every registry's login server and data endpoints at its
 *       {@link PublicAddresses} address, CNAMEd to {@code privatelink} when it has an approved
 *       private endpoint; every cluster's public API-server FQDN (a private cluster's at its
 *       private address, {@link PrivateApiServer}); the simulated public services
 *       ({@code mcr.microsoft.com} and its data hosts).
 * </ul>
 *
 * Cached with {@link CachingDnsCatalog}, invalidated whenever the store's version moved since
 * the last query: a record added a moment ago answers the next query.
 */
public final class StoreDnsCatalog implements DnsCatalog {

  private final ObservedStore store;
  private final CachingDnsCatalog cache;
  private final AtomicLong seen = new AtomicLong(-1);

  public StoreDnsCatalog(ObservedStore store, List<String> publicServiceHosts) {
    this.store = store;
    this.cache = new CachingDnsCatalog(new Reader(store, publicServiceHosts));
  }

  @Override
  public List<PrivateZone> privateZonesLinkedTo(String vnetId) {
    fresh();
    return cache.privateZonesLinkedTo(vnetId);
  }

  @Override
  public List<PublicHost> publicHosts() {
    fresh();
    return cache.publicHosts();
  }

  private void fresh() {
    long version = store.version();
    if (seen.getAndSet(version) != version) {
      cache.invalidate();
    }
  }

  /** The uncached reads. */
  private record Reader(ObservedStore store, List<String> publicServiceHosts)
      implements DnsCatalog {

    @Override
    public List<PrivateZone> privateZonesLinkedTo(String vnetId) {
      List<PrivateZone> zones = new ArrayList<>();
      for (PrivateDnsView.LinkedZone z : PrivateDnsView.zonesLinkedTo(store,
          ResourceId.parse(vnetId))) {
        List<RecordSet> sets = new ArrayList<>();
        for (PrivateDnsView.RecordSet s : z.recordSets()) {
          recordSet(s).ifPresent(sets::add);
        }
        zones.add(new PrivateZone(z.name(), sets,
            List.of(new ZoneLink(vnetId, ResolutionPolicy.parse(z.resolutionPolicy())))));
      }
      return zones;
    }

    private static Optional<RecordSet> recordSet(PrivateDnsView.RecordSet s) {
      List<RecordData> records = new ArrayList<>();
      for (String value : s.values()) {
        switch (s.type()) {
          case A -> records.add(RecordData.a(value));
          case AAAA -> records.add(RecordData.aaaa(value));
          case CNAME -> records.add(new RecordData.Cname(value));
          case TXT -> records.add(new RecordData.Txt(List.of(value)));
          case SOA -> {
            return Optional.empty();
          }
        }
      }
      return Optional.of(new RecordSet(s.relativeName(), s.type().name(), s.ttl(), records));
    }

    @Override
    public List<PublicHost> publicHosts() {
      List<PublicHost> hosts = new ArrayList<>();
      for (Topology.RegistryEntry e : Topology.load(store).registries()) {
        boolean approved = e.approvedPrivateEndpoint();
        String address = PublicAddresses.of(e.registry().loginServer()).toString();
        hosts.add(PublicHost.registryEndpoint(e.registry().loginServer(), address, approved));
        for (String data : e.registry().dataEndpointHostNames()) {
          hosts.add(PublicHost.registryEndpoint(data, address, approved));
        }
      }
      for (var c : store.list(ResourceQuery.ofType(ResourceTypes.MANAGED_CLUSTERS.key()))) {
        String fqdn = c.body().path("properties").path("fqdn").asText("");
        if (!fqdn.isBlank()) {
          // A private cluster's public FQDN answers its private address (Azure publishes it).
          hosts.add(PublicHost.of(fqdn, PrivateApiServer.address(ResourceReader.of(store), c.id())
              .orElseGet(() -> PublicAddresses.of(fqdn).toString())));
        }
      }
      for (String host : publicServiceHosts) {
        hosts.add(PublicHost.of(host, PublicAddresses.of(host).toString()));
      }
      return hosts;
    }
  }
}
