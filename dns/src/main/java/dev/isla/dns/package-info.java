/**
 * Isla's DNS: Azure DNS (168.63.129.16) as each virtual network sees it, and the public internet
 * as Isla simulates it.
 *
 * <p>Start it with {@link dev.isla.dns.DnsServer#start}: the public view listens on
 * {@code 127.0.0.1:PORT}; each VNet's resolver gets a loopback address of its own
 * ({@link dev.isla.dns.DnsServer#bindVnet}, from {@code 127.53.0.0/16}) on the same port, and the
 * address a query arrives on decides which view answers. To ask as VNet V from the host:
 * {@code dig @<DnsServer.addressOf(V)> -p PORT NAME} (the launcher prints these addresses with
 * {@code isla dns}); in-process, {@link dev.isla.dns.DnsServer#resolve}. docs/DNS.md has the
 * details.
 *
 * <p>Layers, one way: {@code listener} (UDP, TCP) → {@code query} (one wire message → its reply)
 * → {@code view} (the resolution algorithm over private zones and the public internet) →
 * {@code catalog} (the {@link dev.isla.dns.catalog.DnsCatalog} port the launcher implements).
 * The module knows nothing of the control plane.
 */
package dev.isla.dns;
