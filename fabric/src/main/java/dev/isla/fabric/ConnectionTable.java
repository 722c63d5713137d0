package dev.isla.fabric;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The origin of every open fabric connection, by its real source (address, port). An entry is
 * written before the socket connects (so a server that accepts it can always look it up), and
 * removed when the socket closes; a socket never closed expires after the TTL, and when the table
 * is full the oldest entry goes. Thread-safe.
 */
final class ConnectionTable {

  private record Entry(Origin origin, Instant expires) {}

  private final int capacity;
  private final Duration ttl;
  private final Clock clock;
  private final LinkedHashMap<InetSocketAddress, Entry> entries = new LinkedHashMap<>();

  ConnectionTable(int capacity, Duration ttl, Clock clock) {
    if (capacity < 1 || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a connection table needs a capacity and a positive TTL");
    }
    this.capacity = capacity;
    this.ttl = ttl;
    this.clock = clock;
  }

  synchronized void put(InetAddress source, int port, Origin origin) {
    InetSocketAddress key = new InetSocketAddress(source, port);
    entries.remove(key);
    entries.put(key, new Entry(origin, clock.instant().plus(ttl)));
    while (entries.size() > capacity) {
      entries.pollFirstEntry();
    }
  }

  /** Removes the entry only if it still holds {@code origin} (the port may have been reused). */
  synchronized void remove(InetAddress source, int port, Origin origin) {
    InetSocketAddress key = new InetSocketAddress(source, port);
    Entry entry = entries.get(key);
    if (entry != null && entry.origin() == origin) {
      entries.remove(key);
    }
  }

  synchronized Optional<Origin> get(InetSocketAddress peer) {
    InetSocketAddress key = new InetSocketAddress(peer.getAddress(), peer.getPort());
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (clock.instant().isAfter(entry.expires())) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.origin());
  }

  synchronized int size() {
    Instant now = clock.instant();
    entries.values().removeIf(e -> now.isAfter(e.expires()));
    return entries.size();
  }

  /** For tests: the entries, oldest first. */
  synchronized Map<InetSocketAddress, Origin> snapshot() {
    Map<InetSocketAddress, Origin> copy = new LinkedHashMap<>();
    entries.forEach((k, v) -> copy.put(k, v.origin()));
    return copy;
  }
}
