package dev.isla.dns.view;

import dev.isla.dns.catalog.DnsCatalog;
import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.PublicHost;
import dev.isla.dns.catalog.ResolutionPolicy;
import dev.isla.dns.catalog.ZoneLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * Resolves a question as Azure DNS (168.63.129.16) does for one VNet, or as the public internet
 * does when no VNet is given (research/aks-isolation.md §7):
 *
 * <ol>
 *   <li>Start at the asked name and follow the CNAME chain.
 *   <li>At each name, if a private zone linked to the VNet is the longest suffix match, that zone
 *       answers. NXDOMAIN in the zone is final unless the link's policy is
 *       {@link ResolutionPolicy#NxDomainRedirect}, in which case the public answer is used.
 *   <li>Otherwise the public internet answers ({@link PublicTable}); it never sees private zones.
 * </ol>
 *
 * <p>A chain longer than {@value #MAX_CHAIN} names, a CNAME loop, a query that outlives its time
 * budget or a catalog that throws yields SERVFAIL. The catalog is read on every call; its picture
 * is re-indexed only when the catalog returns different list instances (see
 * {@code CachingDnsCatalog}). Thread-safe.
 */
public final class Resolver {

  static final int MAX_CHAIN = 16;

  private record Snapshot(List<PrivateZone> zones, List<PublicHost> hosts, List<LinkedTable> tables,
      RecordTable publicTable) {}

  private record LinkedTable(PrivateZone zone, RecordTable table) {}

  private final DnsCatalog catalog;
  private final long budgetNanos;
  private volatile Snapshot snapshot;

  public Resolver(DnsCatalog catalog, Duration budget) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.budgetNanos = budget.toNanos();
  }

  /** Resolves {@code name}/{@code type} (class IN) as seen from {@code vnetId}, or publicly. */
  public Resolution resolve(Name name, int type, Optional<String> vnetId) {
    long deadline = System.nanoTime() + budgetNanos;
    List<org.xbill.DNS.Record> answer = new ArrayList<>();
    Snapshot s;
    try {
      s = current();
    } catch (RuntimeException e) {
      return Resolution.serverFailure(answer);
    }
    Set<Name> seen = new HashSet<>();
    Name current = name.isAbsolute() ? name : RecordTable.concatenate(name, Name.root);
    for (int hop = 0; hop < MAX_CHAIN && seen.add(current) && System.nanoTime() < deadline; hop++) {
      switch (lookup(s, current, type, vnetId)) {
        case Answer.Records r -> {
          answer.addAll(r.records());
          return new Resolution(Rcode.NOERROR, answer, List.of());
        }
        case Answer.Alias a -> {
          answer.add(a.cname());
          current = a.target();
        }
        case Answer.NoData n -> {
          return new Resolution(Rcode.NOERROR, answer, List.of(n.soa()));
        }
        case Answer.NxDomain n -> {
          return new Resolution(Rcode.NXDOMAIN, answer, List.of(n.soa()));
        }
      }
    }
    return Resolution.serverFailure(answer);
  }

  private static Answer lookup(Snapshot s, Name name, int type, Optional<String> vnetId) {
    Optional<LinkedTable> zone = vnetId.flatMap(v -> linkedZone(s, name, v));
    if (zone.isPresent()) {
      Answer a = zone.get().table().lookup(name, type);
      ResolutionPolicy policy = zone.get().zone().linkTo(vnetId.get()).map(ZoneLink::resolutionPolicy)
          .orElse(ResolutionPolicy.Default);
      if (!(a instanceof Answer.NxDomain) || policy != ResolutionPolicy.NxDomainRedirect) {
        return a;
      }
    }
    return s.publicTable().lookup(name, type);
  }

  /** The linked zone whose origin is the longest suffix of the name (first listed on a tie). */
  private static Optional<LinkedTable> linkedZone(Snapshot s, Name name, String vnetId) {
    LinkedTable best = null;
    for (LinkedTable t : s.tables()) {
      if (t.table().contains(name) && t.zone().linkTo(vnetId).isPresent()
          && (best == null || t.table().origin().labels() > best.table().origin().labels())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  private Snapshot current() {
    List<PrivateZone> zones = catalog.privateZones();
    List<PublicHost> hosts = catalog.publicHosts();
    Snapshot s = snapshot;
    if (s != null && s.zones() == zones && s.hosts() == hosts) {
      return s;
    }
    List<LinkedTable> tables = zones.stream().filter(z -> !z.links().isEmpty())
        .map(z -> new LinkedTable(z, PrivateZoneTable.of(z))).toList();
    s = new Snapshot(zones, hosts, tables, PublicTable.of(hosts));
    snapshot = s;
    return s;
  }
}
