package dev.isla.controlplane.rp.containerservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.arm.ResourceRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code listClusterUserCredential} / {@code listClusterAdminCredential}: a kubeconfig for the
 * cluster's API server FQDN, base64 in {@code {"kubeconfigs":[{"name","value"}]}} as AKS
 * answers ({@code az aks get-credentials} writes it). The token is stable per cluster and user.
 * No CA data yet: Isla's certificate authority arrives with the identity module.
 */
final class Kubeconfigs {

  private Kubeconfigs() {}

  static ObjectNode credentials(ResourceRequest request, String kind) {
    ResourceId id = request.id();
    JsonNode p = request.existing().orElseThrow().body().path("properties");
    String server = p.hasNonNull("fqdn") ? p.get("fqdn").asText() : p.path("privateFQDN").asText();
    String name = id.name();
    boolean admin = kind.equals("clusterAdmin");
    String context = admin ? name + "-admin" : name;
    String user = kind + "_" + id.resourceGroup().orElse("") + "_" + name;
    String yaml = String.join("\n",
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        "    server: https://" + server + ":443",
        "  name: " + name,
        "contexts:",
        "- context:",
        "    cluster: " + name,
        "    user: " + user,
        "  name: " + context,
        "current-context: " + context,
        "kind: Config",
        "preferences: {}",
        "users:",
        "- name: " + user,
        "  user:",
        "    token: " + token(id, kind),
        "");
    ObjectNode out = Json.object();
    ObjectNode entry = out.putArray("kubeconfigs").addObject();
    entry.put("name", kind);
    entry.put("value", Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  private static String token(ResourceId id, String kind) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((kind + ":" + id.key()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
