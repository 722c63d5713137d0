package dev.isla.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;

/**
 * Turns a result tree into az's printed text for one {@code --output} format. JSON keeps the
 * wire's key order and az's two-space indent.
 */
public final class Renderer {

  private Renderer() {}

  /**
   * Renders {@code result}.
   *
   * @param queried true when {@code --query} produced the tree (az then keeps key order in
   *     tsv/table instead of sorting)
   * @return the text to print, ending in a newline, or empty for {@code none}
   */
  public static String render(JsonNode result, String format, boolean queried) {
    return switch (format) {
      case "none" -> "";
      case "tsv" -> Tsv.render(result, !queried);
      case "table" -> Table.render(result, !queried);
      case "yaml", "yamlc" -> Yaml.render(result);
      case "jsonc" -> JsonColor.render(result);
      default -> Json.pretty(result) + "\n";
    };
  }
}
