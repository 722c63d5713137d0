package dev.isla.dns.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DnsCatalog} that reads its delegate once per VNet (and once for the public hosts) and
 * serves that picture until {@link #invalidate()}: for adapters whose reads are expensive. The
 * lists it returns are the same instances between invalidations, which lets the server skip
 * re-indexing them.
 */
public final class CachingDnsCatalog implements DnsCatalog {

  /** One generation of cached reads; {@link #invalidate()} starts a new one. */
  private static final class Picture {
    final Map<String, List<PrivateZone>> zonesByVnet = new ConcurrentHashMap<>();
    volatile List<PublicHost> hosts;
  }

  private final DnsCatalog delegate;
  private volatile Picture picture = new Picture();

  public CachingDnsCatalog(DnsCatalog delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Drops everything cached; the next query reads the delegate again. Call it after any change
   * to a zone, record set, link, registry, private endpoint or cluster. A read already running
   * fills the old generation, so it cannot bring a stale picture back.
   */
  public void invalidate() {
    picture = new Picture();
  }

  @Override
  public List<PrivateZone> privateZonesLinkedTo(String vnetId) {
    return picture.zonesByVnet.computeIfAbsent(vnetId.toLowerCase(Locale.ROOT),
        v -> List.copyOf(delegate.privateZonesLinkedTo(vnetId)));
  }

  @Override
  public List<PublicHost> publicHosts() {
    Picture p = picture;
    List<PublicHost> h = p.hosts;
    if (h == null) {
      h = List.copyOf(delegate.publicHosts());
      p.hosts = h;
    }
    return h;
  }
}
