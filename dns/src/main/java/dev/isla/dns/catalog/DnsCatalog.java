package dev.isla.dns.catalog;

import java.util.List;

/**
 * What the DNS server needs to know about the cloud: the port the launcher implements over the
 * control plane's resources (the DNS module never imports the control plane).
 *
 * <p>Both methods are called on every query (from several threads at once), so each call must
 * return a consistent, current picture; an implementation whose reads are expensive wraps itself
 * in {@link CachingDnsCatalog} and invalidates it when a zone, record set, link, registry or
 * cluster changes. Neither method returns null; "nothing" is an empty list. A method that throws
 * makes the query in progress fail with SERVFAIL, never the server.
 *
 * <p>Addresses are logical labels (public ones such as {@code 20.x}, private endpoint and node
 * addresses from the VNets' address plans): the DNS server hands them out and never dials them.
 */
public interface DnsCatalog {

  /**
   * The private DNS zones ({@code Microsoft.Network/privateDnsZones}) linked to the virtual
   * network {@code vnetId} (its ARM id, compared case-insensitively), each with its record sets and
   * at least its link to that VNet (whose {@code resolutionPolicy} applies). Zones not linked to
   * the VNet may be listed; they are ignored. Azure forbids linking two zones of the same name to
   * one VNet; if it happens anyway the first zone listed wins. Only called for queries that
   * arrive on a VNet's address: the public view never sees private zones.
   */
  List<PrivateZone> privateZonesLinkedTo(String vnetId);

  /**
   * Every public name Isla simulates on the internet: each container registry's login server and
   * data endpoints ({@link PublicHost#registryEndpoint}), each AKS API server's public FQDN and the
   * public upstreams such as {@code mcr.microsoft.com} ({@link PublicHost#of}). A private API
   * server FQDN ({@code …privatelink.<region>.azmk8s.io}) is not public: it belongs in a
   * {@link PrivateZone}. Names outside this list and the private zones do not exist (no internet).
   */
  List<PublicHost> publicHosts();
}
