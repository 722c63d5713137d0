package dev.isla.dns.catalog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * A name Isla simulates on the public internet and the public addresses it resolves to.
 *
 * <p>With a {@code privateLinkName} the public DNS answers the name with a CNAME to that name,
 * which in turn has the addresses — as Azure does for a resource with an approved private
 * endpoint (§7: {@code myacr.azurecr.io CNAME myacr.privatelink.azurecr.io}). Inside a VNet
 * linked to a private zone holding the privatelink name, the zone answers the second step
 * instead.
 */
public record PublicHost(String name, List<InetAddress> addresses, Optional<String> privateLinkName) {

  private static final String REGISTRY_SUFFIX = ".azurecr.io";

  public PublicHost {
    name = DnsNames.requireHostName(name, "public host name");
    addresses = List.copyOf(addresses);
    privateLinkName = privateLinkName.map(n -> DnsNames.requireHostName(n, "private link name"));
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("public host " + name + " has no address");
    }
  }

  /** A plain public name (an upstream such as {@code mcr.microsoft.com}, an API-server FQDN). */
  public static PublicHost of(String name, String... addressLiterals) {
    return new PublicHost(name, Arrays.stream(addressLiterals).map(PublicHost::literal).toList(),
        Optional.empty());
  }

  /**
   * A registry's login server ({@code <acr>.azurecr.io}) or data endpoint
   * ({@code <acr>.<region>.data.azurecr.io}) with the registry's public address. With an approved
   * private endpoint the public answer goes through the {@code privatelink} name Azure inserts
   * before {@code azurecr.io}.
   */
  public static PublicHost registryEndpoint(String host, String publicAddress, boolean approvedPrivateEndpoint) {
    String bare = DnsNames.requireHostName(host, "registry host");
    if (!bare.endsWith(REGISTRY_SUFFIX) || bare.length() == REGISTRY_SUFFIX.length()) {
      throw new IllegalArgumentException("not a registry host under azurecr.io: " + host);
    }
    Optional<String> alias = approvedPrivateEndpoint
        ? Optional.of(bare.substring(0, bare.length() - REGISTRY_SUFFIX.length()) + ".privatelink" + REGISTRY_SUFFIX)
        : Optional.empty();
    return new PublicHost(bare, List.of(literal(publicAddress)), alias);
  }

  /** Parses an IPv4 or IPv6 literal; never looks a name up. */
  public static InetAddress literal(String address) {
    try {
      return Address.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: '" + address + "'", e);
    }
  }
}
