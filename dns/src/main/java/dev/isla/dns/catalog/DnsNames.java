package dev.isla.dns.catalog;

import java.util.Locale;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Validation and normalisation of the names the catalog carries (package-private rules). */
final class DnsNames {

  private DnsNames() {}

  /** A host name, with or without the trailing dot: returned lower-case without the dot. */
  static String requireHostName(String name, String what) {
    Objects.requireNonNull(name, what);
    String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (bare.isEmpty() || bare.startsWith(".") || bare.contains("..")) {
      throw new IllegalArgumentException(what + " is not a host name: '" + name + "'");
    }
    try {
      Name.fromString(bare + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(what + " is not a host name: '" + name + "' (" + e.getMessage() + ")", e);
    }
    return bare.toLowerCase(Locale.ROOT);
  }

  /** A record-set name relative to its zone: {@code @}, labels, or labels after a leading {@code *}. */
  static void requireRelativeName(String name) {
    if (name.equals("@") || name.equals("*")) {
      return;
    }
    if (name.endsWith(".")) {
      throw new IllegalArgumentException("a record set name is relative: '" + name + "'");
    }
    requireHostName(name.startsWith("*.") ? name.substring(2) : name, "record set name");
  }
}
