package dev.isla.dns;

import dev.isla.dns.catalog.DnsCatalog;
import dev.isla.dns.listener.DnsListener;
import dev.isla.dns.listener.ListenerSettings;
import dev.isla.dns.query.QueryHandler;
import dev.isla.dns.view.Resolution;
import dev.isla.dns.view.Resolver;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Isla's DNS server: Azure DNS (168.63.129.16) as each VNet sees it, and the public internet as
 * the host sees it, on one port over UDP and TCP.
 *
 * <p>Which view answers is decided by the local address a query arrives on. {@link #start} binds
 * the public view on {@code host:port}; each VNet's resolver gets its own loopback address with
 * {@link #bindVnet(String)} (the next free address of {@value #VNET_RANGE}) or
 * {@link #bind(InetAddress, Optional)} (an address the caller chose). A node of VNet V sends its
 * queries to {@code addressOf(V):port()}; a person on the host asks "as VNet V" with
 * {@code dig @<addressOf(V)> -p <port()> NAME}, and publicly with {@code dig @127.0.0.1 -p <port()>
 * NAME} (see docs/DNS.md). {@link #resolve} answers the same questions in-process.
 *
 * <p>Data comes from the {@link DnsCatalog} on every query. Thread-safe; {@link #close()} stops
 * every listener.
 */
public final class DnsServer implements AutoCloseable {

  /** Where {@link #bindVnet(String)} takes VNet resolver addresses from. */
  public static final String VNET_RANGE = "127.53.0.0/16";

  private static final Duration QUERY_BUDGET = Duration.ofSeconds(2);

  private final Resolver resolver;
  private final QueryHandler handler;
  private final ListenerSettings settings;
  private final DnsListener publicListener;
  private final Map<InetAddress, DnsListener> listeners = new LinkedHashMap<>();

  private DnsServer(DnsCatalog catalog, String host, int port, ListenerSettings settings) {
    this.resolver = new Resolver(catalog, QUERY_BUDGET);
    this.handler = new QueryHandler(resolver);
    this.settings = settings;
    this.publicListener = DnsListener.open(address(host), port, Optional.empty(), handler, settings);
    listeners.put(publicListener.address().getAddress(), publicListener);
  }

  /**
   * Starts the server with the public view on {@code host:port} (port 0: a port free for UDP and
   * TCP).
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static DnsServer start(DnsCatalog catalog, String host, int port) {
    return start(catalog, host, port, ListenerSettings.defaults());
  }

  public static DnsServer start(DnsCatalog catalog, String host, int port, ListenerSettings settings) {
    return new DnsServer(catalog, host, port, settings);
  }

  /** The port every view listens on. */
  public int port() {
    return publicListener.address().getPort();
  }

  /** The public view's address. */
  public InetSocketAddress publicAddress() {
    return publicListener.address();
  }

  /**
   * Serves the view of {@code vnetId} (or the public view, when empty) on {@code loopback:port()}.
   *
   * @throws IllegalArgumentException if the address is not a loopback address
   * @throws IllegalStateException if the address is bound already, or the VNet is bound elsewhere
   * @throws UncheckedIOException if the socket cannot be bound
   */
  public synchronized InetSocketAddress bind(InetAddress loopback, Optional<String> vnetId) {
    if (!loopback.isLoopbackAddress()) {
      throw new IllegalArgumentException("not a loopback address: " + loopback.getHostAddress());
    }
    if (listeners.containsKey(loopback)) {
      throw new IllegalStateException("already bound: " + loopback.getHostAddress());
    }
    vnetId.flatMap(this::addressOf).ifPresent(a -> {
      throw new IllegalStateException("VNet " + vnetId.get() + " is already bound on " + a.getHostAddress());
    });
    DnsListener listener = DnsListener.open(loopback, port(), vnetId, handler, settings);
    listeners.put(loopback, listener);
    return listener.address();
  }

  /**
   * The address of the VNet's resolver, binding the next free address of {@value #VNET_RANGE}
   * the first time. Idempotent.
   */
  public synchronized InetAddress bindVnet(String vnetId) {
    Optional<InetAddress> existing = addressOf(vnetId);
    if (existing.isPresent()) {
      return existing.get();
    }
    UncheckedIOException last = null;
    for (int i = 1; i < 0xFFFF; i++) {
      InetAddress candidate = address("127.53." + (i >>> 8) + "." + (i & 0xFF));
      if (listeners.containsKey(candidate)) {
        continue;
      }
      try {
        bind(candidate, Optional.of(vnetId));
        return candidate;
      } catch (UncheckedIOException e) {
        // Another process holds this address and port: take the next one.
        last = e;
      }
    }
    throw new IllegalStateException("no free address in " + VNET_RANGE, last);
  }

  /** Stops serving on {@code loopback}; false if nothing was bound there. The public view stays. */
  public synchronized boolean unbind(InetAddress loopback) {
    if (loopback.equals(publicListener.address().getAddress())) {
      throw new IllegalArgumentException("the public view is unbound by close()");
    }
    DnsListener listener = listeners.remove(loopback);
    if (listener == null) {
      return false;
    }
    listener.close();
    return true;
  }

  /** The loopback address answering as the VNet (ARM id, case-insensitive), if bound. */
  public synchronized Optional<InetAddress> addressOf(String vnetId) {
    String wanted = vnetId.toLowerCase(Locale.ROOT);
    return listeners.values().stream()
        .filter(l -> l.vnetId().map(v -> v.toLowerCase(Locale.ROOT).equals(wanted)).orElse(false))
        .map(l -> l.address().getAddress()).findFirst();
  }

  /** Every bound address and the VNet it answers as (empty: public). */
  public synchronized Map<InetAddress, Optional<String>> bindings() {
    Map<InetAddress, Optional<String>> out = new LinkedHashMap<>();
    listeners.forEach((a, l) -> out.put(a, l.vnetId()));
    return out;
  }

  /**
   * Resolves in-process what {@code dig NAME TYPE} sent to the VNet's (or the public) address
   * would answer.
   *
   * @throws IllegalArgumentException for a malformed name or an unknown type mnemonic
   */
  public Resolution resolve(String name, String type, Optional<String> vnetId) {
    int t = Type.value(type.toUpperCase(Locale.ROOT));
    if (t < 0) {
      throw new IllegalArgumentException("unknown record type: " + type);
    }
    try {
      return resolver.resolve(Name.fromString(name.endsWith(".") ? name : name + "."), t, vnetId);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + name, e);
    }
  }

  @Override
  public synchronized void close() {
    listeners.values().forEach(DnsListener::close);
    listeners.clear();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + literal, e);
    }
  }
}
