package dev.isla.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.cli.OutputShape;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON tree transform between the wire and az's printed objects. For
 * {@link OutputShape#FLATTENED} it does what az's SDK models and its {@code resourceGroup}
 * transform do: every {@code properties} object (also inside nested sub-resources such as NIC
 * {@code ipConfigurations[]}, VNet {@code subnets[]}, private endpoint
 * {@code privateLinkServiceConnections[]}) is merged into its owner in place, and every object
 * with an ARM {@code id} below a resource group gains {@code resourceGroup}. Input is never
 * modified.
 */
public final class Shaping {

  private static final Pattern RESOURCE_GROUP =
      Pattern.compile("(?i)^/subscriptions/[^/]+/resourceGroups/([^/]+)");

  private Shaping() {}

  /** The tree as the command prints it. */
  public static JsonNode apply(JsonNode wire, OutputShape shape) {
    return shape == OutputShape.RAW ? wire : flatten(wire);
  }

  private static JsonNode flatten(JsonNode node) {
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(flatten(item)));
      return copy;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("properties") && field.getValue().isObject()) {
        field.getValue().fields().forEachRemaining(p -> {
          if (!node.has(p.getKey())) {
            copy.set(p.getKey(), flatten(p.getValue()));
          }
        });
      } else {
        copy.set(field.getKey(), flatten(field.getValue()));
      }
    }
    addResourceGroup(copy);
    return copy;
  }

  private static void addResourceGroup(ObjectNode object) {
    JsonNode id = object.get("id");
    if (id == null || !id.isTextual() || object.has("resourceGroup")) {
      return;
    }
    Matcher m = RESOURCE_GROUP.matcher(id.asText());
    if (m.find()) {
      object.put("resourceGroup", m.group(1));
    }
  }
}
