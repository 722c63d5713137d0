package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stored shape of an agent pool ({@code {"properties":{…}}}, research/aks-isolation.md §4.3)
 * and its inline form in {@code agentPoolProfiles} ({@code {"name", …properties}}). A pool is
 * stored once, as the child resource; the inline form is derived from it.
 */
final class AgentPoolBodies {

  /** AKS's rule for Linux pool names. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,11}");

  private AgentPoolBodies() {}

  static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER, "The agent pool name '" + name
          + "' is invalid: it must start with a lowercase letter, contain only lowercase letters and numbers, "
          + "and be at most 12 characters long.").target("agentPoolProfile.name");
    }
  }

  /**
   * A pool's stored properties from a request's properties (inline profile or child body),
   * defaults applied; {@code previous} are the stored ones on update.
   */
  static ObjectNode properties(JsonNode requested, String kubernetesVersion, ObjectNode previous,
      String provisioningState) {
    ObjectNode p = Json.object();
    p.put("count", requested.path("count").asInt(previous.path("count").asInt(3)));
    if (p.get("count").asInt() < 0 || p.get("count").asInt() > 1000) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "The value of parameter agentPoolProfile.count is invalid: it must be between 0 and 1000.")
          .target("agentPoolProfile.count");
    }
    p.put("vmSize", text(requested, previous, "vmSize", "Standard_DS2_v2"));
    p.put("osDiskSizeGB", requested.path("osDiskSizeGB").asInt(previous.path("osDiskSizeGB").asInt(128)));
    p.put("osDiskType", text(requested, previous, "osDiskType", "Managed"));
    p.put("kubeletDiskType", "OS");
    p.put("maxPods", requested.path("maxPods").asInt(previous.path("maxPods").asInt(30)));
    p.put("type", text(requested, previous, "type", "VirtualMachineScaleSets"));
    p.put("enableAutoScaling", requested.path("enableAutoScaling").asBoolean(false));
    p.put("provisioningState", provisioningState);
    p.putObject("powerState").put("code", "Running");
    p.put("orchestratorVersion", kubernetesVersion);
    p.put("currentOrchestratorVersion", kubernetesVersion);
    p.put("enableNodePublicIP", requested.path("enableNodePublicIP").asBoolean(false));
    p.put("mode", text(requested, previous, "mode", "System"));
    p.put("osType", text(requested, previous, "osType", "Linux"));
    p.put("osSKU", text(requested, previous, "osSKU", "Ubuntu"));
    p.put("nodeImageVersion", previous.path("nodeImageVersion").asText(KubernetesVersions.NODE_IMAGES.getFirst()));
    ObjectNode upgrade = p.putObject("upgradeSettings");
    upgrade.put("maxSurge", requested.path("upgradeSettings").path("maxSurge")
        .asText(previous.path("upgradeSettings").path("maxSurge").asText("10%")));
    p.put("enableFIPS", false);
    String subnet = text(requested, previous, "vnetSubnetID", "");
    if (!subnet.isBlank()) {
      p.put("vnetSubnetID", subnet);
    }
    checkOsType(p);
    return p;
  }

  private static void checkOsType(ObjectNode p) {
    if (!p.get("osType").asText().equals("Linux")) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "Isla runs Linux node pools only; osType '" + p.get("osType").asText() + "' is not supported.")
          .target("agentPoolProfile.osType");
    }
    if (!p.get("type").asText().equals("VirtualMachineScaleSets")) {
      throw ArmException.of(ArmErrorCode.AKS_INVALID_PARAMETER,
          "Agent pool type '" + p.get("type").asText() + "' is not supported; use VirtualMachineScaleSets.")
          .target("agentPoolProfile.type");
    }
  }

  private static String text(JsonNode requested, JsonNode previous, String field, String fallback) {
    JsonNode v = requested.path(field);
    return v.isTextual() && !v.asText().isBlank() ? v.asText() : previous.path(field).asText(fallback);
  }

  /** {@code {"name": pool, …properties}}: one entry of {@code agentPoolProfiles}. */
  static ObjectNode inline(String name, JsonNode properties) {
    ObjectNode out = Json.object();
    out.put("name", name);
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.set(e.getKey(), e.getValue());
    }
    return out;
  }
}
