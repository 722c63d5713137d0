package dev.isla.controlplane.rp.privatedns;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DNS name of labels separated by dots, without the trailing dot: a private zone's name
 * ({@code privatelink.azurecr.io}, at least two labels) or a record set's relative name
 * ({@code myacr.eastus.data}, {@code @} for the zone apex, {@code *} allowed as first label).
 *
 * @param text the name as given (case is kept; comparisons ignore it)
 */
public record DnsName(String text) {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

  /** The relative name of a zone's apex. */
  public static final String APEX = "@";

  public DnsName {
    if (text.length() > 253) {
      throw new IllegalArgumentException("'" + text + "' is longer than 253 characters.");
    }
    List<String> labels = List.of(text.split("\\.", -1));
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      if (!(LABEL.matcher(label).matches() || (i == 0 && label.equals("*")))) {
        throw new IllegalArgumentException("'" + text + "' is not a valid DNS name: label '" + label
            + "' must be 1 to 63 letters, digits, hyphens or underscores, not starting or ending with a hyphen.");
      }
    }
  }

  /**
   * A zone name: a valid DNS name of at least two labels, no wildcard.
   *
   * @throws IllegalArgumentException explaining what is wrong
   */
  public static DnsName zone(String text) {
    DnsName name = new DnsName(text);
    if (name.labels().size() < 2 || text.startsWith("*")) {
      throw new IllegalArgumentException("The zone name '" + text
          + "' is invalid: a private DNS zone name needs at least two labels, e.g. contoso.com.");
    }
    return name;
  }

  /**
   * Checks a record set's relative name: {@code @} or a valid DNS name.
   *
   * @return {@code text}
   * @throws IllegalArgumentException explaining what is wrong
   */
  public static String relative(String text) {
    if (!text.equals(APEX)) {
      new DnsName(text);
    }
    return text;
  }

  public List<String> labels() {
    return List.of(text.split("\\."));
  }

  /** The absolute name with its trailing dot, as Azure prints {@code fqdn}: {@code <relative>.<zone>.}. */
  public static String fqdn(String relative, String zone) {
    return (relative.equals(APEX) ? zone : relative + "." + zone) + ".";
  }

  /** Lower-cased, for comparisons. */
  public String key() {
    return text.toLowerCase(Locale.ROOT);
  }
}
