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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  private static final System.Logger LOG = System.getLogger(Resolver.class.getName());

  /** What one query sees: the public table and the tables of the zones linked to its VNet. */
  private record Snapshot(RecordTable publicTable, List<LinkedTable> zones) {}

  private record LinkedTable(PrivateZone zone, RecordTable table) {}

  /** An index built from one catalog list, reused while the catalog returns that same list. */
  private record Indexed<T>(List<?> source, T index) {}

  private final DnsCatalog catalog;
  private final long budgetNanos;
  private volatile Indexed<RecordTable> publicIndex;
  private final Map<String, Indexed<List<LinkedTable>>> zoneIndexes = new ConcurrentHashMap<>();

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
      s = snapshot(vnetId);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "DNS catalog failed; answering SERVFAIL", e);
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
    Optional<LinkedTable> zone = vnetId.flatMap(v -> linkedZone(s, name));
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
  private static Optional<LinkedTable> linkedZone(Snapshot s, Name name) {
    LinkedTable best = null;
    for (LinkedTable t : s.zones()) {
      if (t.table().contains(name) && (best == null || t.table().origin().labels() > best.table().origin().labels())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  private Snapshot snapshot(Optional<String> vnetId) {
    List<PublicHost> hosts = catalog.publicHosts();
    Indexed<RecordTable> pub = publicIndex;
    if (pub == null || pub.source() != hosts) {
      pub = new Indexed<>(hosts, PublicTable.of(hosts));
      publicIndex = pub;
    }
    if (vnetId.isEmpty()) {
      return new Snapshot(pub.index(), List.of());
    }
    String key = vnetId.get().toLowerCase(Locale.ROOT);
    List<PrivateZone> zones = catalog.privateZonesLinkedTo(vnetId.get());
    Indexed<List<LinkedTable>> linked = zoneIndexes.get(key);
    if (linked == null || linked.source() != zones) {
      linked = new Indexed<>(zones, zones.stream().filter(z -> z.linkTo(vnetId.get()).isPresent())
          .map(z -> new LinkedTable(z, PrivateZoneTable.of(z))).toList());
      zoneIndexes.put(key, linked);
    }
    return new Snapshot(pub.index(), linked.index());
  }
}
