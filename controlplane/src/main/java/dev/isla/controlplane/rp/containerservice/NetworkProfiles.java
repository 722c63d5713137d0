package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import java.util.List;

/** {@code properties.networkProfile} with AKS's defaults (research/aks-isolation.md §4.3). */
final class NetworkProfiles {

  private static final List<String> PLUGINS = List.of("azure", "kubenet", "none");

  private NetworkProfiles() {}

  static ObjectNode build(JsonNode in, JsonNode was) {
    ObjectNode out = Json.object();
    String plugin = canonicalPlugin(text(in, was, "networkPlugin", "azure"));
    out.put("networkPlugin", plugin);
    String mode = text(in, was, "networkPluginMode", "");
    if (plugin.equals("azure") && !mode.isBlank()) {
      out.put("networkPluginMode", mode);
    }
    out.put("networkPolicy", text(in, was, "networkPolicy", "none"));
    out.put("outboundType", OutboundTypes.canonical(text(in, was, "outboundType", OutboundTypes.LOAD_BALANCER)));
    out.put("loadBalancerSku", text(in, was, "loadBalancerSku", "standard").toLowerCase(java.util.Locale.ROOT));
    String serviceCidr = text(in, was, "serviceCidr", "10.0.0.0/16");
    out.put("serviceCidr", serviceCidr);
    out.put("dnsServiceIP", text(in, was, "dnsServiceIP", "10.0.0.10"));
    boolean overlay = plugin.equals("kubenet") || out.path("networkPluginMode").asText().equals("overlay");
    if (overlay) {
      out.put("podCidr", text(in, was, "podCidr", "10.244.0.0/16"));
      out.set("podCidrs", Json.array().add(out.get("podCidr").asText()));
    }
    out.set("serviceCidrs", Json.array().add(serviceCidr));
    out.set("ipFamilies", Json.array().add("IPv4"));
    return out;
  }

  private static String canonicalPlugin(String requested) {
    return PLUGINS.stream().filter(p -> p.equalsIgnoreCase(requested)).findFirst()
        .orElseThrow(() -> ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
            "The value of parameter networkProfile.networkPlugin is invalid: '" + requested
                + "'. Allowed values are azure, kubenet, none.").target("networkProfile.networkPlugin"));
  }

  private static String text(JsonNode in, JsonNode was, String field, String fallback) {
    JsonNode v = in.path(field);
    return v.isTextual() && !v.asText().isBlank() ? v.asText() : was.path(field).asText(fallback);
  }
}
