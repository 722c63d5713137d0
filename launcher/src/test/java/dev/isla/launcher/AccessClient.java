package dev.isla.launcher;

import static dev.isla.launcher.AccessWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a client does for each operation of the access matrix, as Docker/ORAS and az do it: the
 * registry operations with an optional Bearer token over a connection the caller opens, the ACR
 * token flow ({@code /oauth2/exchange} then {@code /oauth2/token}), and ARM over HTTPS. Each
 * answers its outcome as the matrix spells it: the status, followed by the error code when it
 * is an error ({@code 401 UNAUTHORIZED}, {@code 403 AuthorizationFailed}).
 */
final class AccessClient {

  /** Opens a connection to the registry. */
  @FunctionalInterface
  interface Connections {
    Socket open() throws Exception;
  }

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final byte[] CONFIG = utf8("{}");

  private final AccessWorld world;
  private final HttpClient https;

  AccessClient(AccessWorld world) throws Exception {
    this.world = world;
    this.https = HttpClient.newBuilder().sslContext(IslaTrust.of(world.edge.ca().truststore())).build();
  }

  /** An outcome: "200", or "401 UNAUTHORIZED" with the registry's or the token service's code. */
  static String outcome(RawHttp.Response r) {
    if (r.status() < 300) {
      return Integer.toString(r.status());
    }
    String code = r.body().length == 0 ? "(no body)" : Json.parse(r.text()).path("errors").path(0).path("code").asText();
    boolean challenged = r.header("WWW-Authenticate").filter(h -> h.startsWith("Bearer realm=\"https://")).isPresent();
    return r.status() + " " + code + (r.status() == 401 && !challenged ? " without a Bearer challenge" : "");
  }

  static RawHttp.Response send(Connections to, String login, String method, String target,
      Optional<String> bearer, Map<String, String> extra, byte[] body) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", login);
    bearer.ifPresent(b -> headers.put("Authorization", "Bearer " + b));
    headers.putAll(extra);
    return RawHttp.send(to.open(), method, target, headers, body);
  }

  /** ACR's token flow for {@code scope}: a refresh token for the AAD token, then an access token. */
  static Token acrToken(Connections to, String login, String aadToken, String tenant, String scope)
      throws Exception {
    RawHttp.Response exchange = send(to, login, "POST", "/oauth2/exchange", Optional.empty(), FORM,
        utf8("grant_type=access_token&service=" + login + "&tenant=" + tenant + "&access_token=" + aadToken));
    if (exchange.status() != 200) {
      return new Token(Optional.empty(), Optional.of(outcome(exchange)));
    }
    String refresh = Json.parse(exchange.text()).path("refresh_token").asText();
    RawHttp.Response token = send(to, login, "POST", "/oauth2/token", Optional.empty(), FORM,
        utf8("grant_type=refresh_token&service=" + login + "&scope="
            + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&refresh_token=" + refresh));
    if (token.status() != 200) {
      return new Token(Optional.empty(), Optional.of(outcome(token)));
    }
    return new Token(Optional.of(Json.parse(token.text()).path("access_token").asText()), Optional.empty());
  }

  /** An access token, or the outcome of the step of the flow that refused one. */
  record Token(Optional<String> bearer, Optional<String> refused) {}

  private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

  /** Pushes {@code layer} and a manifest tagged {@code tag}; the outcome of the first refusal or the manifest PUT. */
  static String push(Connections to, String login, String repo, Optional<String> bearer, byte[] layer,
      String tag) throws Exception {
    for (byte[] blob : new byte[][] {CONFIG, layer}) {
      RawHttp.Response start = send(to, login, "POST", "/v2/" + repo + "/blobs/uploads/", bearer, Map.of(), new byte[0]);
      if (start.status() != 202) {
        return outcome(start);
      }
      String location = start.header("Location").orElseThrow();
      String target = URI.create(location).getRawPath() + "?" + Optional.ofNullable(URI.create(location)
          .getRawQuery()).map(q -> q + "&").orElse("") + "digest=" + digest(blob);
      RawHttp.Response put = send(to, login, "PUT", target, bearer,
          Map.of("Content-Type", "application/octet-stream"), blob);
      if (put.status() != 201) {
        return outcome(put);
      }
    }
    return outcome(send(to, login, "PUT", "/v2/" + repo + "/manifests/" + tag, bearer,
        Map.of("Content-Type", OCI_MANIFEST), manifest(layer)));
  }

  /** Pulls the manifest tagged {@code tag} and its layer. */
  static String pull(Connections to, String login, String repo, Optional<String> bearer, byte[] layer)
      throws Exception {
    RawHttp.Response manifest = send(to, login, "GET", "/v2/" + repo + "/manifests/v1", bearer,
        Map.of("Accept", OCI_MANIFEST), new byte[0]);
    if (manifest.status() != 200) {
      return outcome(manifest);
    }
    assertThat(manifest.body()).isEqualTo(manifest(layer));
    RawHttp.Response blob = send(to, login, "GET", "/v2/" + repo + "/blobs/" + digest(layer), bearer,
        Map.of(), new byte[0]);
    if (blob.status() == 200) {
      assertThat(blob.body()).isEqualTo(layer);
    }
    return outcome(blob);
  }

  static byte[] manifest(byte[] layer) {
    return utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest(CONFIG) + "\",\"size\":"
        + CONFIG.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        + "\"digest\":\"" + digest(layer) + "\",\"size\":" + layer.length + "}]}");
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ARM over HTTPS: GET, or PATCH with {@code body}; the outcome and the response body. */
  String[] arm(String method, String path, Optional<String> bearer, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(world.httpsBase() + path
        + "?api-version=2023-07-01"));
    bearer.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    if (method.equals("GET")) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> r = https.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() < 300) {
      return new String[] {Integer.toString(r.statusCode()), r.body()};
    }
    JsonNode error = Json.parse(r.body()).path("error");
    boolean challenged = r.headers().firstValue("WWW-Authenticate").isPresent();
    return new String[] {r.statusCode() + " " + error.path("code").asText()
        + (r.statusCode() == 401 && !challenged ? " without a challenge" : ""), r.body()};
  }
}
