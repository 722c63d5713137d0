package dev.isla.dns.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A mutable in-memory {@link DnsCatalog} for tests and the {@code isla dns} demo: zones and hosts
 * are replaced whole. Each read returns an immutable copy; writes are visible to the next query.
 */
public final class InMemoryDnsCatalog implements DnsCatalog {

  private final List<PrivateZone> zones = new ArrayList<>();
  private final List<PublicHost> hosts = new ArrayList<>();

  /** Adds a zone, or replaces the zone of the same name. */
  public synchronized InMemoryDnsCatalog put(PrivateZone zone) {
    zones.removeIf(z -> z.name().equals(zone.name()));
    zones.add(zone);
    return this;
  }

  /** Adds a public host, or replaces the host of the same name. */
  public synchronized InMemoryDnsCatalog put(PublicHost host) {
    hosts.removeIf(h -> h.name().equals(host.name()));
    hosts.add(host);
    return this;
  }

  /** Removes the zone or public host of that name, if present. */
  public synchronized InMemoryDnsCatalog remove(String name) {
    zones.removeIf(z -> z.name().equals(name));
    hosts.removeIf(h -> h.name().equals(name));
    return this;
  }

  @Override
  public synchronized List<PrivateZone> privateZonesLinkedTo(String vnetId) {
    return zones.stream().filter(z -> z.linkTo(vnetId).isPresent()).toList();
  }

  @Override
  public synchronized List<PublicHost> publicHosts() {
    return List.copyOf(hosts);
  }
}
