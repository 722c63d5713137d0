package dev.isla.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code -o jsonc}: the JSON text with keys and values coloured by ANSI escapes. */
final class JsonColor {

  private static final Pattern TOKEN =
      Pattern.compile("(\"(?:[^\"\\\\]|\\\\.)*\")(\\s*:)?|\\b(true|false|null)\\b|(-?\\d[\\d.eE+-]*)");
  private static final String KEY = "\u001b[94m";
  private static final String STRING = "\u001b[32m";
  private static final String LITERAL = "\u001b[95m";
  private static final String RESET = "\u001b[0m";

  private JsonColor() {}

  static String render(JsonNode result) {
    Matcher m = TOKEN.matcher(Json.pretty(result));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        boolean key = m.group(2) != null;
        replacement = (key ? KEY : STRING) + m.group(1) + RESET + (key ? m.group(2) : "");
      } else {
        replacement = LITERAL + m.group() + RESET;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.append('\n').toString();
  }
}
