package dev.isla.nodes.boot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.nodes.Bootstrap;
import dev.isla.nodes.net.NodeHttpClient;
import dev.isla.nodes.net.Request;
import dev.isla.nodes.net.Response;
import dev.isla.nodes.net.Url;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * AgentBaker's registry login (research/aks-isolation.md §2 item 4): an anonymous
 * {@code oras repo ls} ({@code GET /v2/_catalog}, answering a Bearer challenge anonymously) —
 * success means anonymous pull, no login; otherwise the kubelet identity's token from IMDS,
 * exchanged at {@code /oauth2/exchange} for a refresh token whose {@code permissions.actions}
 * (when present) must include {@code read}.
 */
final class RegistryLogin {

  static final String IMDS_TOKEN = "http://169.254.169.254/metadata/identity/oauth2/token"
      + "?api-version=2018-02-01&resource=https://containerregistry.azure.net&client_id=";

  private final NodeHttpClient http;
  private final RegistryEndpoint endpoint;
  private final Bootstrap bootstrap;

  RegistryLogin(NodeHttpClient http, RegistryEndpoint endpoint, Bootstrap bootstrap) {
    this.http = http;
    this.endpoint = endpoint;
    this.bootstrap = bootstrap;
  }

  RegistryClient.Credential login() throws BootException {
    if (anonymousAllowed()) {
      return RegistryClient.Credential.anonymous();
    }
    String aad = imdsToken();
    String refresh = exchange(aad);
    requireRead(refresh);
    return new RegistryClient.Credential(Optional.of(refresh));
  }

  private boolean anonymousAllowed() throws BootException {
    Url catalog = endpoint.root("/v2/_catalog");
    try (Response r = http.send(Request.get(catalog))) {
      if (r.status() == 200) {
        return true;
      }
      Optional<String> challenge = r.header("www-authenticate")
          .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7));
      if (r.status() != 401 || challenge.isEmpty()) {
        return false;
      }
      String token = new RegistryClient(http, endpoint, RegistryClient.Credential.anonymous())
          .token(challenge.get(), "registry:catalog:*");
      try (Response again = http.send(Request.get(catalog, "Authorization", "Bearer " + token))) {
        return again.status() == 200;
      }
    } catch (RegistryException e) {
      return false;
    } catch (IOException e) {
      throw new BootException(BootPhase.REGISTRY_LOGIN, BootPhase.NETWORK_TIMEOUT,
          "anonymous probe GET " + catalog + " failed: " + Causes.describe(e));
    }
  }

  private String imdsToken() throws BootException {
    Url url = Url.parse(IMDS_TOKEN + enc(bootstrap.kubeletClientId()));
    try (Response r = http.send(Request.get(url, "Metadata", "true"))) {
      if (r.status() != 200) {
        throw new BootException(BootPhase.REGISTRY_LOGIN, "IMDS refused a token for the kubelet "
            + "identity " + bootstrap.kubeletClientId() + ": "
            + RegistryException.of("GET " + url, r).getMessage());
      }
      return Json.parse(r.text(64 * 1024)).path("access_token").asText();
    } catch (IOException e) {
      throw new BootException(BootPhase.REGISTRY_LOGIN, BootPhase.IMDS_TIMEOUT,
          "IMDS did not answer: " + Causes.describe(e));
    }
  }

  private String exchange(String aad) throws BootException {
    Url url = endpoint.root("/oauth2/exchange");
    String form = "grant_type=access_token&service=" + enc(endpoint.host()) + "&tenant="
        + enc(bootstrap.tenantId()) + "&access_token=" + enc(aad);
    try (Response r = http.send(Request.postForm(url, form))) {
      if (r.status() != 200) {
        throw new BootException(BootPhase.REGISTRY_LOGIN, "the kubelet identity "
            + bootstrap.kubeletClientId() + " could not log in: "
            + RegistryException.of("POST " + url, r).getMessage());
      }
      return Json.parse(r.text(64 * 1024)).path("refresh_token").asText();
    } catch (IOException e) {
      throw new BootException(BootPhase.REGISTRY_LOGIN, BootPhase.NETWORK_TIMEOUT,
          "POST " + url + " failed: " + Causes.describe(e));
    }
  }

  /** AgentBaker decodes the refresh token's payload: RBAC tokens must grant {@code read}. */
  private void requireRead(String refresh) throws BootException {
    String[] parts = refresh.split("\\.");
    JsonNode claims;
    try {
      claims = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]),
          StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new BootException(BootPhase.REGISTRY_LOGIN, "the registry's refresh token is not a JWT");
    }
    JsonNode actions = claims.path("permissions").path("actions");
    boolean read = false;
    for (JsonNode a : actions) {
      read |= a.asText().equals("read") || a.asText().equals("*");
    }
    if (claims.has("permissions") && !read) {
      throw new BootException(BootPhase.REGISTRY_LOGIN, "unauthorized: the kubelet identity "
          + bootstrap.kubeletClientId() + " has no pull permission on " + endpoint.host()
          + " (refresh token actions " + actions + "; assign AcrPull) and anonymous pull is off");
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
