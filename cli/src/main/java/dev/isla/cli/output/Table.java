package dev.isla.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * az's generic table (knack {@code _TableOutput} + tabulate "simple"): one row per element;
 * columns are the scalar, non-null keys (sorted unless a query shaped them), skipping
 * {@code id}, {@code type} and {@code etag}; headers start with a capital; a dashed line under
 * the headers; columns separated by two spaces. A scalar result prints under {@code Result},
 * a list of lists under {@code Column1..n}.
 */
final class Table {

  private static final Set<String> SKIP = Set.of("id", "type", "etag");

  private Table() {}

  static String render(JsonNode result, boolean sortKeys) {
    List<Map<String, String>> rows = new ArrayList<>();
    if (result.isArray()) {
      result.forEach(item -> rows.add(row(item, sortKeys)));
    } else {
      rows.add(row(result, sortKeys));
    }
    List<String> headers = new ArrayList<>();
    rows.forEach(r -> r.keySet().stream().filter(k -> !headers.contains(k)).forEach(headers::add));
    if (headers.isEmpty()) {
      return "";
    }
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (Map<String, String> r : rows) {
        widths[i] = Math.max(widths[i], r.getOrDefault(headers.get(i), "").length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    line(out, headers.stream().map(h -> "-".repeat(widths[headers.indexOf(h)])).toList(), widths);
    for (Map<String, String> r : rows) {
      line(out, headers.stream().map(h -> r.getOrDefault(h, "")).toList(), widths);
    }
    return out.toString();
  }

  private static Map<String, String> row(JsonNode item, boolean sortKeys) {
    Map<String, String> row = new LinkedHashMap<>();
    if (item.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      if (sortKeys) {
        keys.sort(null);
      }
      for (String key : keys) {
        JsonNode value = item.get(key);
        if (!SKIP.contains(key) && !value.isNull() && !value.isContainerNode()) {
          row.put(capitalize(key), text(value));
        }
      }
    } else if (item.isArray()) {
      for (int i = 0; i < item.size(); i++) {
        row.put("Column" + (i + 1), text(item.get(i)));
      }
    } else {
      row.put("Result", text(item));
    }
    return row;
  }

  private static String text(JsonNode value) {
    if (value.isBoolean()) {
      return value.asBoolean() ? "True" : "False";
    }
    return Tsv.cell(value);
  }

  private static String capitalize(String key) {
    return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length()));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
