package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;

/**
 * {@code GET registries/{r}/listUsages} ({@code az acr show-usage}): the tier's included storage
 * and webhook quota. Storage use is 0 until the registry data plane reports what it holds, and
 * Isla has no webhooks (research/aks-isolation.md §4.4; limits from ACR's tier table).
 */
final class RegistryUsages {

  private static final long GIB = 1024L * 1024 * 1024;

  private RegistryUsages() {}

  static ObjectNode of(RegistrySku sku) {
    long storage = switch (sku) {
      case BASIC -> 10 * GIB;
      case STANDARD -> 100 * GIB;
      case PREMIUM -> 500 * GIB;
    };
    int webhooks = switch (sku) {
      case BASIC -> 2;
      case STANDARD -> 10;
      case PREMIUM -> 500;
    };
    ArrayNode value = Json.array();
    value.addObject().put("name", "Size").put("limit", storage).put("currentValue", 0).put("unit", "Bytes");
    value.addObject().put("name", "Webhooks").put("limit", webhooks).put("currentValue", 0).put("unit", "Count");
    return Json.object().set("value", value);
  }
}
