package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;

/**
 * {@code GET registries/{r}/listUsages} ({@code az acr show-usage}): what ACR lists — storage
 * ({@code Size}, the bytes the registry data plane holds for it, each blob once, against the
 * tier's included storage), then {@code Webhooks}, {@code ScopeMaps} and {@code Tokens} against
 * the tier's limits (ACR's tier table). Isla has no webhooks, scope maps or tokens, so those
 * counts are 0.
 */
final class RegistryUsages {

  private static final long GIB = 1024L * 1024 * 1024;

  private RegistryUsages() {}

  static ObjectNode of(RegistrySku sku, long storedBytes) {
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
    int scoped = switch (sku) {
      case BASIC -> 100;
      case STANDARD -> 500;
      case PREMIUM -> 50_000;
    };
    ArrayNode value = Json.array();
    usage(value, "Size", storage, storedBytes, "Bytes");
    usage(value, "Webhooks", webhooks, 0, "Count");
    usage(value, "ScopeMaps", scoped, 0, "Count");
    usage(value, "Tokens", scoped, 0, "Count");
    return Json.object().set("value", value);
  }

  private static void usage(ArrayNode list, String name, long limit, long current, String unit) {
    list.addObject().put("name", name).put("limit", limit).put("currentValue", current)
        .put("unit", unit);
  }
}
