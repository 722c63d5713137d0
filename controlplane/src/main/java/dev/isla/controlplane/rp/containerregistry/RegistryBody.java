package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Builds the stored body of a registry from a PUT (or a merged PATCH) and the registry as stored
 * before: a property the request leaves out keeps its stored value, else ACR's default
 * (research/aks-isolation.md §4.4). Validates enumerations and the rules that tie features to the
 * service tier (anonymous pull on Standard/Premium; network rules, private access, dedicated data
 * endpoints, zone redundancy, retention and trust policies on Premium).
 */
final class RegistryBody {

  private static final String TIERS = "For more information on SKU tiers, please visit https://aka.ms/acr/tiers.";

  private final ObjectNode props;
  private final ObjectNode before;
  private final boolean creating;

  private RegistryBody(ObjectNode request, Optional<ObjectNode> stored) {
    this.props = request.path("properties").isObject() ? (ObjectNode) request.get("properties") : Json.object();
    this.before = stored.map(b -> b.path("properties")).filter(JsonNode::isObject)
        .map(p -> (ObjectNode) p).orElse(Json.object());
    this.creating = stored.isEmpty();
  }

  /** The sku the request asks for, else the stored one; required on creation. */
  static RegistrySku sku(ObjectNode request, Optional<ObjectNode> stored) {
    String name = request.path("sku").path("name").asText("");
    if (name.isBlank()) {
      name = stored.map(b -> b.path("sku").path("name").asText("")).orElse("");
    }
    if (name.isBlank()) {
      throw ArmException.of(ArmErrorCode.REGISTRY_PROPERTY_INVALID, "The 'sku' property is required.")
          .target("sku");
    }
    return RegistrySku.parse(name);
  }

  /** The validated properties envelope to store (without provisioningState). */
  static ObjectNode properties(ObjectNode request, Optional<ObjectNode> stored, RegistryName name,
      RegistrySku sku, Instant now) {
    return new RegistryBody(request, stored).build(name, sku, now);
  }

  private ObjectNode build(RegistryName name, RegistrySku sku, Instant now) {
    ObjectNode out = Json.object();
    out.put("loginServer", name.loginServer());
    out.put("creationDate", before.path("creationDate").asText(now.toString()));
    out.put("adminUserEnabled", bool("adminUserEnabled", false));
    out.set("networkRuleSet", networkRuleSet(sku));
    out.set("policies", RegistryPolicies.validate(pick("policies"), sku, now));
    out.set("encryption", encryption());
    out.putNull("status");
    out.put("dataEndpointEnabled", premiumOnly(sku, "Dedicated data endpoints",
        bool("dataEndpointEnabled", false), true));
    out.put("publicNetworkAccess", premiumOnly(sku, "Disabling public network access",
        choice("publicNetworkAccess", List.of("Enabled", "Disabled"), "Enabled"), "Disabled"));
    out.put("networkRuleBypassOptions",
        choice("networkRuleBypassOptions", List.of("AzureServices", "None"), "AzureServices"));
    out.put("networkRuleBypassAllowedForTasks", bool("networkRuleBypassAllowedForTasks", false));
    out.put("zoneRedundancy", zoneRedundancy(sku));
    boolean anonymous = bool("anonymousPullEnabled", false);
    if (anonymous && !sku.allowsAnonymousPull()) {
      throw ArmException.of(ArmErrorCode.ANONYMOUS_PULL_NOT_SUPPORTED, sku.wireName());
    }
    out.put("anonymousPullEnabled", anonymous);
    out.put("roleAssignmentMode", choice("roleAssignmentMode",
        List.of("LegacyRegistryPermissions", "AbacRepositoryPermissions"), "LegacyRegistryPermissions"));
    return out;
  }

  /** The request's value, else the stored one; missing node when neither has it. */
  private JsonNode pick(String field) {
    JsonNode sent = props.path(field);
    return sent.isMissingNode() || sent.isNull() ? before.path(field) : sent;
  }

  private boolean bool(String field, boolean fallback) {
    JsonNode v = pick(field);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw invalid(field, v.asText(), List.of("true", "false"));
    }
    return v.asBoolean();
  }

  private String choice(String field, List<String> allowed, String fallback) {
    return choiceOf(pick(field), "properties." + field, allowed, fallback);
  }

  static String choiceOf(JsonNode v, String field, List<String> allowed, String fallback) {
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    return allowed.stream().filter(a -> a.equalsIgnoreCase(v.asText())).findFirst()
        .orElseThrow(() -> invalid(field, v.asText(), allowed));
  }

  static ArmException invalid(String field, String value, List<String> allowed) {
    return ArmException.of(ArmErrorCode.REGISTRY_PROPERTY_INVALID, "The value '" + value
        + "' of property '" + field + "' is not valid. The allowed values are: "
        + String.join(", ", allowed) + ".").target(field);
  }

  private static <T> T premiumOnly(RegistrySku sku, String feature, T value, T premiumValue) {
    if (value.equals(premiumValue) && sku != RegistrySku.PREMIUM) {
      throw notOnTier(feature, sku);
    }
    return value;
  }

  static ArmException notOnTier(String feature, RegistrySku sku) {
    return ArmException.of(ArmErrorCode.REGISTRY_SKU_NOT_SUPPORTED, feature
        + " is not supported for SKU Managed_" + sku.wireName() + "; it needs SKU Premium. " + TIERS);
  }

  private ObjectNode networkRuleSet(RegistrySku sku) {
    JsonNode sent = pick("networkRuleSet");
    String action = choiceOf(sent.path("defaultAction"), "properties.networkRuleSet.defaultAction",
        List.of("Allow", "Deny"), "Allow");
    ArrayNode ipRules = Json.array();
    for (JsonNode rule : sent.path("ipRules")) {
      String value = rule.path("value").asText("");
      if (!value.matches("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?")) {
        throw ArmException.of(ArmErrorCode.REGISTRY_PROPERTY_INVALID, "The IP rule value '" + value
            + "' is not a valid IPv4 address or CIDR range.").target("properties.networkRuleSet.ipRules");
      }
      ipRules.addObject().put("action", "Allow").put("value", value);
    }
    if ((action.equals("Deny") || !ipRules.isEmpty()) && sku != RegistrySku.PREMIUM) {
      throw notOnTier("Network rules", sku);
    }
    ObjectNode out = Json.object().put("defaultAction", action);
    out.set("ipRules", ipRules);
    return out;
  }

  private ObjectNode encryption() {
    String status = choiceOf(pick("encryption").path("status"), "properties.encryption.status",
        List.of("enabled", "disabled"), "disabled");
    if (status.equals("enabled")) {
      throw ArmException.of(ArmErrorCode.REGISTRY_PROPERTY_INVALID,
          "Encryption with a customer-managed key is not supported by Isla: it needs Azure Key Vault.")
          .target("properties.encryption");
    }
    return Json.object().put("status", "disabled");
  }

  private String zoneRedundancy(RegistrySku sku) {
    String value = premiumOnly(sku, "Zone redundancy",
        choice("zoneRedundancy", List.of("Enabled", "Disabled"), "Disabled"), "Enabled");
    String was = before.path("zoneRedundancy").asText(value);
    if (!creating && !was.equals(value)) {
      // ACR decides zone redundancy when the registry (or replica) is created.
      throw ArmException.of(ArmErrorCode.REGISTRY_PROPERTY_INVALID,
          "Zone redundancy cannot be changed after the registry is created.").target("properties.zoneRedundancy");
    }
    return value;
  }
}
