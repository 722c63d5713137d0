package dev.isla.dns.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A {@link DnsCatalog} that reads its delegate once and serves that picture until
 * {@link #invalidate()}: for adapters whose reads are expensive. The lists it returns are the
 * same instances between invalidations, which lets the server skip re-indexing them.
 */
public final class CachingDnsCatalog implements DnsCatalog {

  private record Picture(List<PrivateZone> zones, List<PublicHost> hosts) {}

  private final DnsCatalog delegate;
  private volatile Picture picture;

  public CachingDnsCatalog(DnsCatalog delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Drops the cached picture; the next query reads the delegate again. */
  public void invalidate() {
    picture = null;
  }

  @Override
  public List<PrivateZone> privateZones() {
    return current().zones();
  }

  @Override
  public List<PublicHost> publicHosts() {
    return current().hosts();
  }

  private Picture current() {
    Picture p = picture;
    if (p == null) {
      // Two racing readers may both read the delegate; either picture is current.
      p = new Picture(List.copyOf(delegate.privateZones()), List.copyOf(delegate.publicHosts()));
      picture = p;
    }
    return p;
  }
}
