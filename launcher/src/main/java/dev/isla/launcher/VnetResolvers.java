package dev.isla.launcher;

import dev.isla.arm.ResourceId;
import dev.isla.dns.DnsServer;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.route.ServiceMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Azure DNS inside each VNet: the first time a VNet's node needs it, the DNS server binds a view
 * for the VNet on its own loopback address ({@link DnsServer#bindVnet}) and the fabric routes
 * {@code 168.63.129.16:53} from that VNet to it. The bindings are published in
 * {@code <data>/dns-views} (one {@code address vnetId} line each, replaced atomically) so that
 * {@code isla dns --vnet} can ask as a VNet from another process.
 */
final class VnetResolvers {

  static final String FILE = "dns-views";

  private final DnsServer dns;
  private final ServiceMap services;
  private final Path dataDir;

  VnetResolvers(DnsServer dns, ServiceMap services, Path dataDir) {
    this.dns = dns;
    this.services = services;
    this.dataDir = dataDir;
  }

  /** Makes sure the VNet has its resolver; idempotent. */
  synchronized void ensure(ResourceId vnet) {
    if (dns.addressOf(vnet.toString()).isPresent()) {
      return;
    }
    InetAddress address = dns.bindVnet(vnet.toString());
    services.register(vnet, LogicalAddress.AZURE_DNS, 53,
        new InetSocketAddress(address, dns.port()));
    publish();
  }

  private void publish() {
    StringBuilder lines = new StringBuilder();
    Map<String, String> sorted = new TreeMap<>();
    dns.bindings().forEach((address, vnet) -> vnet.ifPresent(v ->
        sorted.put(v, address.getHostAddress())));
    sorted.forEach((vnet, address) -> lines.append(address).append(' ').append(vnet).append('\n'));
    Path tmp = dataDir.resolve(FILE + ".tmp");
    try {
      Files.writeString(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }

  /** The published bindings of a data folder: VNet id (lower case) → address. */
  static Map<String, String> read(Path dataDir) {
    Map<String, String> out = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
        int space = line.indexOf(' ');
        if (space > 0) {
          out.put(line.substring(space + 1).toLowerCase(java.util.Locale.ROOT),
              line.substring(0, space));
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  static Optional<String> addressOf(Path dataDir, String vnetIdOrName) {
    String wanted = vnetIdOrName.toLowerCase(java.util.Locale.ROOT);
    return read(dataDir).entrySet().stream()
        .filter(e -> e.getKey().equals(wanted) || e.getKey().endsWith("/virtualnetworks/" + wanted))
        .map(Map.Entry::getValue).findFirst();
  }
}
