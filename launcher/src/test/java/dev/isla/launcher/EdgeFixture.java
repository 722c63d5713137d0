package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.ControlPlane;
import dev.isla.controlplane.arm.ArmSettings;
import dev.isla.controlplane.port.DataPlane;
import dev.isla.controlplane.store.MemoryResourceStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A control plane with the launcher's ARM edge (TLS listener, token gate, host managed-identity
 * endpoint) over an in-memory store, the built-in principal Owner, group {@code rg1} created;
 * and the requests the edge's tests send: ARM over HTTP (no token) or HTTPS (a token), and the
 * host's {@code MSI_ENDPOINT} POST as az 2.45 sends it.
 */
final class EdgeFixture implements AutoCloseable {

  final ArmSettings settings = ArmSettings.defaults();
  final BuiltInPrincipal builtIn;
  final ArmEdge edge;
  final ControlPlane controlPlane;
  final String httpsBase;
  final String httpBase;
  private final HttpClient http;

  EdgeFixture(Path data) throws Exception {
    IslaConfig config = new IslaConfig(data, "127.0.0.1", 0, Duration.ofMillis(10), Duration.ofMillis(10));
    MemoryResourceStore store = new MemoryResourceStore();
    builtIn = BuiltInPrincipal.open(data, settings.tenantId(), settings.subscriptionId());
    edge = ArmEdge.create(config, store, builtIn, Clock.systemUTC());
    String oid = builtIn.principal().objectId();
    controlPlane = new ControlPlane(store, settings, Clock.systemUTC(), "127.0.0.1", 0,
        new DataPlane(DataPlane.inProcess().nodes(),
            id -> id.equalsIgnoreCase(oid) ? Optional.of("ServicePrincipal") : Optional.empty()),
        edge.edge());
    builtIn.grantOwner(controlPlane.arm(), settings.subscriptionId());
    httpsBase = "https://127.0.0.1:" + controlPlane.securePort().orElseThrow();
    httpBase = "http://127.0.0.1:" + controlPlane.port();
    http = HttpClient.newBuilder().sslContext(IslaTrust.of(edge.ca().truststore()))
        .connectTimeout(Duration.ofSeconds(5)).build();
    send("PUT", "/resourcegroups/rg1?api-version=2021-04-01", "{\"location\":\"eastus\"}", Optional.empty());
  }

  /** The subscription's path, {@code /subscriptions/<id>}. */
  String sub() {
    return "/subscriptions/" + settings.subscriptionId();
  }

  /**
   * {@code method} on {@code sub() + path} (or {@code path} itself when it starts with
   * {@code /subscriptions/}): over HTTPS with {@code token}, over plain HTTP without one.
   */
  HttpResponse<String> send(String method, String path, String body, Optional<String> token)
      throws Exception {
    String full = path.startsWith("/subscriptions/") ? path : sub() + path;
    String url = (token.isPresent() ? httpsBase : httpBase) + full;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A user-assigned identity in {@code rg1}, created over plain HTTP. */
  JsonNode createIdentity(String name) throws Exception {
    HttpResponse<String> r = send("PUT", "/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/"
        + "userAssignedIdentities/" + name + "?api-version=2023-01-31", "{\"location\":\"eastus\"}",
        Optional.empty());
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    return Json.parse(r.body());
  }

  /** Assigns the built-in role {@code roleId} to {@code identity} on {@code rg1}, over plain HTTP. */
  void grant(JsonNode identity, String roleId) throws Exception {
    String body = "{\"properties\":{\"roleDefinitionId\":\"" + sub()
        + "/providers/Microsoft.Authorization/roleDefinitions/" + roleId + "\",\"principalId\":\""
        + identity.path("properties").path("principalId").asText()
        + "\",\"principalType\":\"ServicePrincipal\"}}";
    HttpResponse<String> r = send("PUT", "/resourceGroups/rg1/providers/Microsoft.Authorization/"
        + "roleAssignments/" + java.util.UUID.randomUUID() + "?api-version=2022-04-01", body,
        Optional.empty());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  /** The host's MSI endpoint as az 2.45 calls it: {@code POST}, form body, {@code Metadata: true}. */
  HttpResponse<String> msi(String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(edge.hostImds().msiEndpoint()))
        .header("Metadata", "true").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An ARM token for the managed identity {@code selector} ({@code client_id=…}) names. */
  String msiToken(String selector) throws Exception {
    HttpResponse<String> r = msi("resource=" + enc(httpsBase + "/") + (selector.isEmpty() ? "" : "&" + selector));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body()).path("access_token").asText();
  }

  HttpClient http() {
    return http;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }


  @Override
  public void close() {
    controlPlane.close();
    edge.close();
  }
}
