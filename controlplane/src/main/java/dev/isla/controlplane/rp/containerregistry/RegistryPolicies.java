package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import java.time.Instant;
import java.util.List;

/**
 * A registry's {@code policies} (research/aks-isolation.md §4.4): quarantine, trust (Notary),
 * retention of untagged manifests, export and Entra authentication-as-ARM. Statuses are
 * {@code enabled|disabled}; retention and content trust are Premium features.
 */
final class RegistryPolicies {

  private static final List<String> STATUS = List.of("enabled", "disabled");

  private RegistryPolicies() {}

  /** The policies to store: sent values over defaults, validated. */
  static ObjectNode validate(JsonNode sent, RegistrySku sku, Instant now) {
    ObjectNode out = Json.object();
    out.set("quarantinePolicy", status(sent, "quarantinePolicy", "disabled"));
    ObjectNode trust = status(sent, "trustPolicy", "disabled");
    trust.put("type", RegistryBody.choiceOf(sent.path("trustPolicy").path("type"),
        "properties.policies.trustPolicy.type", List.of("Notary"), "Notary"));
    out.set("trustPolicy", reorder(trust, "type"));
    out.set("retentionPolicy", retention(sent.path("retentionPolicy"), now));
    out.set("exportPolicy", status(sent, "exportPolicy", "enabled"));
    out.set("azureADAuthenticationAsArmPolicy", status(sent, "azureADAuthenticationAsArmPolicy", "enabled"));
    for (String premium : List.of("trustPolicy", "retentionPolicy")) {
      if (out.path(premium).path("status").asText().equals("enabled") && sku != RegistrySku.PREMIUM) {
        throw RegistryBody.notOnTier("The policy '" + premium + "'", sku);
      }
    }
    return out;
  }

  private static ObjectNode status(JsonNode sent, String policy, String fallback) {
    String status = RegistryBody.choiceOf(sent.path(policy).path("status"),
        "properties.policies." + policy + ".status", STATUS, fallback);
    return Json.object().put("status", status);
  }

  private static ObjectNode reorder(ObjectNode node, String first) {
    ObjectNode out = Json.object();
    out.set(first, node.get(first));
    node.fields().forEachRemaining(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }

  private static ObjectNode retention(JsonNode sent, Instant now) {
    JsonNode daysNode = sent.path("days");
    int days = daysNode.isMissingNode() || daysNode.isNull() ? 7 : daysNode.asInt(-1);
    if (!daysNode.isMissingNode() && !daysNode.isNull() && !daysNode.canConvertToInt() || days < 0 || days > 365) {
      throw ArmException.of(ArmErrorCode.REGISTRY_PROPERTY_INVALID,
          "The retention policy days must be an integer between 0 and 365.")
          .target("properties.policies.retentionPolicy.days");
    }
    ObjectNode out = Json.object().put("days", days);
    out.put("lastUpdatedTime", sent.path("lastUpdatedTime").asText(now.toString()));
    out.put("status", RegistryBody.choiceOf(sent.path("status"),
        "properties.policies.retentionPolicy.status", STATUS, "disabled"));
    return out;
  }
}
