package dev.isla.identity.ca;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The subject alternative names of a server certificate: DNS names (lower case, a leading
 * {@code *.} wildcard allowed, as in {@code *.azurecr.io}) and IP addresses (IPv4 or IPv6
 * literals). Sorted and without duplicates, so equal sets compare equal.
 */
public record SubjectNames(List<String> dnsNames, List<String> ipAddresses) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  public SubjectNames {
    dnsNames = List.copyOf(new TreeSet<>(dnsNames));
    ipAddresses = List.copyOf(new TreeSet<>(ipAddresses));
    if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs at least one name");
    }
  }

  /**
   * Sorts each entry into a DNS name or an IP address.
   *
   * @throws IllegalArgumentException naming the first entry that is neither
   */
  public static SubjectNames parse(Collection<String> names) {
    TreeSet<String> dns = new TreeSet<>();
    TreeSet<String> ips = new TreeSet<>();
    for (String raw : names) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (IP_LITERAL.matcher(name).matches()) {
        ips.add(canonicalIp(name));
      } else if (validDnsName(name)) {
        dns.add(name);
      } else {
        throw new IllegalArgumentException("'" + raw + "' is neither a DNS name nor an IP address");
      }
    }
    return new SubjectNames(List.copyOf(dns), List.copyOf(ips));
  }

  /** Convenience for {@link #parse(Collection)}. */
  public static SubjectNames of(String... names) {
    return parse(List.of(names));
  }

  /** These names and {@code other}'s. */
  public SubjectNames union(SubjectNames other) {
    TreeSet<String> dns = new TreeSet<>(dnsNames);
    dns.addAll(other.dnsNames);
    TreeSet<String> ips = new TreeSet<>(ipAddresses);
    ips.addAll(other.ipAddresses);
    return new SubjectNames(List.copyOf(dns), List.copyOf(ips));
  }

  /** Whether every name of {@code other} is among these. */
  public boolean containsAll(SubjectNames other) {
    return dnsNames.containsAll(other.dnsNames) && ipAddresses.containsAll(other.ipAddresses);
  }

  /**
   * Whether a TLS client asking for {@code host} would accept a certificate with these names
   * (RFC 6125: a wildcard covers exactly one left-most label).
   */
  public boolean covers(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (IP_LITERAL.matcher(h).matches()) {
      return ipAddresses.contains(canonicalIp(h));
    }
    for (String name : dnsNames) {
      if (name.equals(h)) {
        return true;
      }
      int dot = h.indexOf('.');
      if (name.startsWith("*.") && dot > 0 && h.substring(dot + 1).equals(name.substring(2))) {
        return true;
      }
    }
    return false;
  }

  private static boolean validDnsName(String name) {
    String rest = name.startsWith("*.") ? name.substring(2) : name;
    if (rest.isEmpty() || rest.length() > 253) {
      return false;
    }
    for (String label : rest.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String canonicalIp(String literal) {
    if (!literal.contains(":")) {
      String[] octets = literal.split("\\.", -1);
      if (octets.length != 4) {
        throw new IllegalArgumentException("'" + literal + "' is not an IP address");
      }
      for (String o : octets) {
        if (o.isEmpty() || o.length() > 3 || Integer.parseInt(o) > 255) {
          throw new IllegalArgumentException("'" + literal + "' is not an IP address");
        }
      }
    }
    try {
      // A literal never causes a DNS lookup.
      return InetAddress.getByName(literal).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + literal + "' is not an IP address", e);
    }
  }
}
