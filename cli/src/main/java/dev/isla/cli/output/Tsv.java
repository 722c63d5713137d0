package dev.isla.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * az's (knack's) tsv: a list prints one row per element, anything else one row; an object's
 * values are tab-separated (sorted by key unless a query shaped them), nested lists print their
 * length and nested objects an empty cell; scalars print as text with {@code true}/{@code false}
 * lower-case and null as an empty string.
 */
final class Tsv {

  private Tsv() {}

  static String render(JsonNode result, boolean sortKeys) {
    StringBuilder out = new StringBuilder();
    if (result.isArray()) {
      result.forEach(row -> row(out, row, sortKeys));
    } else {
      row(out, result, sortKeys);
    }
    return out.toString();
  }

  private static void row(StringBuilder out, JsonNode row, boolean sortKeys) {
    if (row.isObject() || row.isArray()) {
      String separator = "";
      for (JsonNode cell : cells(row, sortKeys)) {
        out.append(separator).append(cell(cell));
        separator = "\t";
      }
    } else {
      out.append(cell(row));
    }
    out.append('\n');
  }

  static List<JsonNode> cells(JsonNode row, boolean sortKeys) {
    List<JsonNode> cells = new ArrayList<>();
    if (row.isArray()) {
      row.forEach(cells::add);
      return cells;
    }
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      fields.add(it.next());
    }
    if (sortKeys) {
      fields.sort(Map.Entry.comparingByKey());
    }
    fields.forEach(f -> cells.add(f.getValue()));
    return cells;
  }

  static String cell(JsonNode value) {
    if (value.isArray()) {
      return String.valueOf(value.size());
    }
    if (value.isObject() || value.isNull() || value.isMissingNode()) {
      return "";
    }
    return value.asText();
  }
}
