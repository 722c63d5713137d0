package dev.isla.identity.login;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.net.URI;
import java.util.Optional;

/** The OpenID Connect discovery documents, shaped as ADFS and Azure AD publish theirs. */
final class Discovery {

  private Discovery() {}

  /** ADFS' document: MSAL reads {@code authorization_endpoint} and {@code token_endpoint}. */
  static ObjectNode adfs(String base) {
    String adfs = base + "/adfs";
    ObjectNode doc = Json.object().put("issuer", adfs)
        .put("authorization_endpoint", adfs + "/oauth2/authorize")
        .put("token_endpoint", adfs + "/oauth2/token")
        .put("jwks_uri", adfs + "/discovery/keys")
        .put("access_token_issuer", adfs + "/services/trust");
    common(doc);
    return doc;
  }

  /** Azure AD's per-tenant document, v2 ({@code /v2.0/.well-known/…}) or v1. */
  static ObjectNode tenant(String base, String tenant, boolean v2) {
    String root = base + "/" + tenant;
    String oauth = root + (v2 ? "/oauth2/v2.0" : "/oauth2");
    ObjectNode doc = Json.object()
        .put("token_endpoint", oauth + "/token")
        .put("jwks_uri", root + (v2 ? "/discovery/v2.0/keys" : "/discovery/keys"))
        .put("issuer", v2 ? root + "/v2.0" : "https://sts.windows.net/" + tenant + "/")
        .put("authorization_endpoint", oauth + "/authorize")
        .put("device_authorization_endpoint", oauth + "/devicecode")
        .put("end_session_endpoint", oauth + "/logout")
        .put("tenant_region_scope", "WW")
        .put("cloud_instance_name", URI.create(base).getHost())
        .put("cloud_graph_host_name", URI.create(base).getHost())
        .put("msgraph_host", URI.create(base).getHost());
    common(doc);
    return doc;
  }

  /**
   * MSAL's instance discovery answer: this host is its own cloud, and the tenant discovery
   * document is the v2 one of the tenant in {@code authorization_endpoint} (else {@code common}).
   */
  static ObjectNode instance(String base, Optional<String> authorizationEndpoint) {
    String tenant = authorizationEndpoint.map(Discovery::tenantOf).orElse("common");
    ObjectNode doc = Json.object().put("tenant_discovery_endpoint",
        base + "/" + tenant + "/v2.0/.well-known/openid-configuration").put("api-version", "1.1");
    String host = URI.create(base).getAuthority();
    ObjectNode entry = doc.putArray("metadata").addObject()
        .put("preferred_network", host).put("preferred_cache", host);
    entry.putArray("aliases").add(host);
    return doc;
  }

  private static String tenantOf(String authorizationEndpoint) {
    try {
      String path = URI.create(authorizationEndpoint).getPath();
      String[] segments = path.split("/");
      return segments.length > 1 && !segments[1].isEmpty() ? segments[1] : "common";
    } catch (IllegalArgumentException e) {
      return "common";
    }
  }

  private static void common(ObjectNode doc) {
    strings(doc.putArray("token_endpoint_auth_methods_supported"),
        "client_secret_post", "client_secret_basic");
    strings(doc.putArray("grant_types_supported"), "client_credentials");
    strings(doc.putArray("response_types_supported"), "token");
    strings(doc.putArray("response_modes_supported"), "query", "fragment", "form_post");
    strings(doc.putArray("scopes_supported"), "openid", "profile", "email", "offline_access");
    strings(doc.putArray("subject_types_supported"), "pairwise");
    strings(doc.putArray("id_token_signing_alg_values_supported"), "RS256");
    doc.put("request_uri_parameter_supported", false);
  }

  private static void strings(ArrayNode array, String... values) {
    for (String v : values) {
      array.add(v);
    }
  }
}
