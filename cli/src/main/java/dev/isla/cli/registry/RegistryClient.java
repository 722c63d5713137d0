package dev.isla.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.cli.CliException;
import dev.isla.cli.arm.Http1Client;
import dev.isla.cli.arm.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's data plane as {@code az acr repository} calls it, through the distribution API on
 * the registry's login server: {@code GET /v2/_catalog} and {@code GET /v2/<repository>/tags/list}
 * (following the {@code Link} header's pages), {@code HEAD} and {@code DELETE} of manifests. Requests go to the cloud's registry listener with the login
 * server as {@code Host} (what {@code <name>.azurecr.io} resolves to from this machine).
 */
public final class RegistryClient {

  private static final String MANIFEST_TYPES = String.join(", ",
      "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  private final URI listener;
  private final String loginServer;
  private final Http1Client http = new Http1Client();

  public RegistryClient(String listenerUrl, String loginServer) {
    this.listener = URI.create(listenerUrl.replaceAll("/+$", ""));
    this.loginServer = loginServer;
  }

  /** Repository names, at most {@code top} when given. */
  public ArrayNode repositories(Optional<Integer> top) {
    return collect("/v2/_catalog", "repositories", top);
  }

  /** The tags of {@code repository}, at most {@code top} when given. */
  public ArrayNode tags(String repository, Optional<Integer> top) {
    return collect("/v2/" + repository + "/tags/list", "tags", top);
  }

  /**
   * The tagged manifests of {@code repository} as {@code show-manifests} lists them: one entry
   * per digest with its tags, in the order of the tag list. A manifest without a tag cannot be
   * found through the distribution API and is not listed (docs/DEVIATIONS.md).
   */
  public ArrayNode manifests(String repository, Optional<Integer> top) {
    Map<String, ArrayNode> tagsByDigest = new LinkedHashMap<>();
    for (JsonNode tag : tags(repository, Optional.empty())) {
      tagsByDigest.computeIfAbsent(digest(repository, tag.asText()), d -> Json.array())
          .add(tag.asText());
    }
    ArrayNode out = Json.array();
    tagsByDigest.entrySet().stream().limit(top.orElse(Integer.MAX_VALUE)).forEach(e -> {
      ObjectNode entry = out.addObject();
      entry.put("digest", e.getKey());
      entry.set("tags", e.getValue());
    });
    return out;
  }

  /** The digest a tag (or digest) of {@code repository} names. */
  public String digest(String repository, String reference) {
    HttpExchange r = send("HEAD", "/v2/" + repository + "/manifests/" + reference,
        MANIFEST_TYPES);
    return r.header("Docker-Content-Digest").orElseThrow(() -> new CliException(
        "The registry '" + loginServer + "' gave no digest for " + repository + ":" + reference));
  }

  /** Deletes a manifest by digest, and with it every tag naming it. */
  public void deleteManifest(String repository, String digest) {
    send("DELETE", "/v2/" + repository + "/manifests/" + digest, "application/json");
  }

  private ArrayNode collect(String path, String field, Optional<Integer> top) {
    ArrayNode out = Json.array();
    Optional<String> next = Optional.of(path + top.map(n -> "?n=" + n).orElse(""));
    while (next.isPresent() && (top.isEmpty() || out.size() < top.get())) {
      HttpExchange r = get(next.get());
      JsonNode body = Json.parse(r.body().isEmpty() ? "{}" : r.body());
      body.path(field).forEach(n -> {
        if (top.isEmpty() || out.size() < top.get()) {
          out.add(n);
        }
      });
      next = r.header("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1));
    }
    return out;
  }

  private HttpExchange get(String pathAndQuery) {
    return send("GET", pathAndQuery, "application/json");
  }

  private HttpExchange send(String method, String pathAndQuery, String accept) {
    HttpExchange r;
    try {
      r = http.send(method, listener.resolve(pathAndQuery), Map.of("Host", loginServer,
          "Accept", accept), new byte[0]);
    } catch (IOException e) {
      throw new CliException("Could not connect to the registry login server '" + loginServer
          + "' (" + listener + "): " + e.getMessage());
    }
    if (r.status() / 100 != 2) {
      throw new CliException(error(r));
    }
    return r;
  }

  private String error(HttpExchange r) {
    JsonNode first = Json.parse(r.body().isBlank() ? "{}" : r.body()).path("errors").path(0);
    String code = first.path("code").asText("");
    String message = first.path("message").asText("");
    String detail = first.path("detail").isTextual() ? first.path("detail").asText() : "";
    return "Error: " + r.status() + " " + (code.isEmpty() ? "" : code + ": ")
        + (message + (detail.isEmpty() ? "" : " (" + detail + ")")).strip()
        + " at " + loginServer;
  }
}
