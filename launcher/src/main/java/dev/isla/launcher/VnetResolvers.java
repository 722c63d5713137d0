package dev.isla.launcher;

import dev.isla.arm.ResourceId;
import dev.isla.dns.DnsServer;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.route.ServiceMap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Azure DNS inside each VNet: the first time a VNet's node needs it, the DNS server binds a view
 * for the VNet on its own loopback address ({@link DnsServer#bindVnet}) and the fabric routes
 * {@code 168.63.129.16:53} from that VNet to it. {@code isla dns --vnet} finds the address
 * through the admin endpoints ({@link AdminEndpoints}).
 */
final class VnetResolvers {

  private final DnsServer dns;
  private final ServiceMap services;
  VnetResolvers(DnsServer dns, ServiceMap services) {
    this.dns = dns;
    this.services = services;
  }

  /** Makes sure the VNet has its resolver; idempotent. */
  synchronized void ensure(ResourceId vnet) {
    if (dns.addressOf(vnet.toString()).isPresent()) {
      return;
    }
    InetAddress address = dns.bindVnet(vnet.toString());
    services.register(vnet, LogicalAddress.AZURE_DNS, 53,
        new InetSocketAddress(address, dns.port()));
  }

  /** The loopback address the VNet's view answers on, once bound. */
  Optional<InetAddress> addressOf(ResourceId vnet) {
    return dns.addressOf(vnet.toString());
  }
}
