package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** RFC 7396 JSON merge patch, which ARM PATCH bodies follow. */
public final class JsonMergePatch {

  private JsonMergePatch() {}

  /** Returns {@code target} with {@code patch} applied; neither argument is changed. */
  public static ObjectNode apply(ObjectNode target, JsonNode patch) {
    ObjectNode result = target.deepCopy();
    if (!patch.isObject()) {
      return result;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        result.remove(field.getKey());
      } else if (value.isObject() && result.path(field.getKey()).isObject()) {
        result.set(field.getKey(), apply((ObjectNode) result.get(field.getKey()), value));
      } else {
        result.set(field.getKey(), value.deepCopy());
      }
    }
    return result;
  }
}
