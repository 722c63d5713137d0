package dev.isla.controlplane.rp.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} of the generic resource listing: clauses joined with {@code and}, each
 * {@code <field> eq '<value>'} (fields {@code resourceType}, {@code name}, {@code location},
 * {@code resourceGroup}, {@code tagName}) or {@code substringof('<text>', name)}. Comparisons
 * are case-insensitive, as ARM's are.
 *
 * @param clauses the parsed clauses, all of which must match
 */
record ResourceFilter(List<Clause> clauses) {

  private static final Pattern EQ = Pattern.compile(
      "\\s*(resourceType|name|location|resourceGroup|tagName)\\s+eq\\s+'((?:[^']|'')*)'\\s*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SUBSTRING = Pattern.compile(
      "\\s*substringof\\(\\s*'((?:[^']|'')*)'\\s*,\\s*name\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);

  record Clause(String field, String value, boolean substring) {}

  ResourceFilter {
    clauses = List.copyOf(clauses);
  }

  static ResourceFilter parse(String filter) {
    List<Clause> clauses = new ArrayList<>();
    if (filter.isBlank()) {
      return new ResourceFilter(clauses);
    }
    for (String part : filter.split("(?i)\\s+and\\s+")) {
      Matcher eq = EQ.matcher(part);
      Matcher sub = SUBSTRING.matcher(part);
      if (eq.matches()) {
        clauses.add(new Clause(eq.group(1).toLowerCase(Locale.ROOT), eq.group(2).replace("''", "'"), false));
      } else if (sub.matches()) {
        clauses.add(new Clause("name", sub.group(1).replace("''", "'"), true));
      } else {
        throw ArmException.of(ArmErrorCode.INVALID_PARAMETER,
            "The $filter '" + filter + "' is not supported. Supported: resourceType eq '…', name eq '…', location eq '…', resourceGroup eq '…', tagName eq '…', substringof('…', name), joined with 'and'.")
            .target("$filter");
      }
    }
    return new ResourceFilter(clauses);
  }

  /** The value of an {@code eq} clause on {@code field} (lower-case name), if the filter has one. */
  java.util.Optional<String> equalTo(String field) {
    return clauses.stream().filter(c -> !c.substring() && c.field().equals(field))
        .map(Clause::value).findFirst();
  }

  boolean matches(JsonNode resource) {
    for (Clause c : clauses) {
      String actual = switch (c.field()) {
        case "resourcetype" -> resource.path("type").asText();
        case "name" -> resource.path("name").asText();
        case "location" -> resource.path("location").asText();
        case "resourcegroup" -> ResourceId.parse(resource.path("id").asText()).resourceGroup().orElse("");
        case "tagname" -> resource.path("tags").has(c.value()) ? c.value() : "";
        default -> "";
      };
      boolean ok = c.substring()
          ? actual.toLowerCase(Locale.ROOT).contains(c.value().toLowerCase(Locale.ROOT))
          : actual.equalsIgnoreCase(c.value());
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
