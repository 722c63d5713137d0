package dev.isla.identity.acr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ACR's {@code /oauth2/exchange} and {@code /oauth2/token} over HTTP, for the registry to mount
 * on its listener. The registry says which registry a request is for (by {@code Host}) and
 * whether it allows anonymous pull, through {@link Registries}.
 * <ul>
 *   <li>{@code POST /oauth2/exchange}, form {@code grant_type=access_token, service, tenant,
 *       access_token} → {@code {"refresh_token"}};
 *   <li>{@code POST /oauth2/token}, form {@code grant_type=refresh_token, service, scope…,
 *       refresh_token} (or {@code grant_type=password} with the refresh token as password) →
 *       {@code {"access_token"}};
 *   <li>{@code GET /oauth2/token?service&scope…}, with HTTP Basic (any user, the refresh token as
 *       password) as Docker clients send it, or without credentials when anonymous pull is on.
 * </ul>
 * Errors are {@code {"errors":[{"code","message"}]}}.
 */
public final class AcrOAuthEndpoints implements HttpService {

  /** Port: the registry a request addresses. */
  @FunctionalInterface
  public interface Registries {
    /** The registry served for {@code host} (the {@code Host} header without port), if any. */
    Optional<Registry> byHost(String host);
  }

  /** A registry as the token endpoints need it: its service name and anonymous-pull setting. */
  public record Registry(String service, boolean anonymousPullEnabled) {}

  /**
   * Port: the registry's firewall, which covers its token endpoints as it covers the rest of the
   * login server (a registry closed to the public refuses {@code az acr login} from there).
   */
  @FunctionalInterface
  public interface Network {
    /** Why a connection from {@code peer} to the registry at {@code host} is refused, if it is. */
    Optional<String> refusal(String host, InetSocketAddress peer);

    /** No firewall: every connection is admitted. */
    Network OPEN = (host, peer) -> Optional.empty();
  }

  private final AcrTokenService tokens;
  private final Registries registries;
  private final Network network;

  /** Endpoints for registries without a firewall. */
  public AcrOAuthEndpoints(AcrTokenService tokens, Registries registries) {
    this(tokens, registries, Network.OPEN);
  }

  /** Endpoints that refuse, with 403 {@code DENIED}, connections {@code network} refuses. */
  public AcrOAuthEndpoints(AcrTokenService tokens, Registries registries, Network network) {
    this.tokens = tokens;
    this.registries = registries;
    this.network = network;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/oauth2/exchange", (req, res) -> handle(req, res, this::exchange))
        .post("/oauth2/token", (req, res) -> handle(req, res, this::postToken))
        .get("/oauth2/token", (req, res) -> handle(req, res, this::getToken));
  }

  private interface Action {
    ObjectNode run(ServerRequest req, Registry registry);
  }

  private void handle(ServerRequest req, ServerResponse res, Action action) {
    try {
      String host = req.headers().first(HeaderNames.HOST).orElse("").replaceFirst(":\\d+$", "");
      Registry registry = registries.byHost(host).orElseThrow(() -> new AcrAuthException(404,
          "NAME_UNKNOWN", "no registry is served at '" + host + "'"));
      InetSocketAddress peer = req.remotePeer().address() instanceof InetSocketAddress a
          ? a : new InetSocketAddress(req.remotePeer().host(), 0);
      Optional<String> refusal = network.refusal(host, peer);
      if (refusal.isPresent()) {
        throw new AcrAuthException(403, "DENIED", refusal.get());
      }
      send(res, 200, action.run(req, registry));
    } catch (AcrAuthException e) {
      ObjectNode body = Json.object();
      body.putArray("errors").addObject().put("code", e.code()).put("message", e.getMessage());
      send(res, e.status(), body);
    }
  }

  private ObjectNode exchange(ServerRequest req, Registry registry) {
    Map<String, List<String>> form = form(req);
    String grant = first(form, "grant_type").orElseThrow(() -> AcrAuthException.invalid("grant_type is required"));
    if (!grant.equals("access_token") && !grant.equals("access_token_refresh_token")) {
      throw new AcrAuthException(400, "UNSUPPORTED", "grant_type '" + grant + "' is not supported");
    }
    requireService(form, registry);
    String aad = first(form, "access_token").orElseThrow(() -> AcrAuthException.invalid("access_token is required"));
    return Json.object().put("refresh_token", tokens.exchange(aad, registry.service(), first(form, "tenant")));
  }

  private ObjectNode postToken(ServerRequest req, Registry registry) {
    Map<String, List<String>> form = form(req);
    requireService(form, registry);
    String grant = first(form, "grant_type").orElse("refresh_token");
    String refresh = switch (grant) {
      case "refresh_token" -> first(form, "refresh_token")
          .orElseThrow(() -> AcrAuthException.invalid("refresh_token is required"));
      case "password" -> first(form, "password").orElseThrow(() -> AcrAuthException.invalid("password is required"));
      default -> throw new AcrAuthException(400, "UNSUPPORTED", "grant_type '" + grant + "' is not supported");
    };
    return accessToken(tokens.token(refresh, registry.service(), scopes(form.get("scope"))));
  }

  private ObjectNode getToken(ServerRequest req, Registry registry) {
    List<AcrScope> scopes = scopes(req.query().contains("scope") ? req.query().all("scope") : List.of());
    Optional<String> password = req.headers().first(HeaderNames.AUTHORIZATION)
        .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
        .map(h -> new String(decodeBase64(h.substring(6).trim()), StandardCharsets.UTF_8))
        .filter(s -> s.indexOf(':') >= 0).map(s -> s.substring(s.indexOf(':') + 1));
    if (password.isPresent()) {
      return accessToken(tokens.token(password.get(), registry.service(), scopes));
    }
    if (!registry.anonymousPullEnabled()) {
      throw AcrAuthException.unauthorized("authentication required");
    }
    return accessToken(tokens.anonymous(registry.service(), scopes));
  }

  private static ObjectNode accessToken(AcrToken token) {
    return Json.object().put("access_token", token.token());
  }

  private static void requireService(Map<String, List<String>> form, Registry registry) {
    String service = first(form, "service").orElseThrow(() -> AcrAuthException.invalid("service is required"));
    if (!service.equalsIgnoreCase(registry.service())) {
      throw AcrAuthException.invalid("service '" + service + "' is not this registry ('" + registry.service() + "')");
    }
  }

  private static List<AcrScope> scopes(List<String> raw) {
    List<AcrScope> out = new ArrayList<>();
    for (String group : raw == null ? List.<String>of() : raw) {
      // Docker joins several scopes with spaces in one parameter; others repeat the parameter.
      for (String s : group.trim().split("\\s+")) {
        if (!s.isEmpty()) {
          try {
            out.add(AcrScope.parse(s));
          } catch (IllegalArgumentException e) {
            throw AcrAuthException.invalid(e.getMessage());
          }
        }
      }
    }
    return out;
  }

  private static Map<String, List<String>> form(ServerRequest req) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    if (!req.content().hasEntity()) {
      return form;
    }
    try (var in = req.content().inputStream()) {
      String body = new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.computeIfAbsent(decode(pair.substring(0, eq)), k -> new ArrayList<>())
              .add(decode(pair.substring(eq + 1)));
        }
      }
      return form;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> first(Map<String, List<String>> form, String name) {
    return Optional.ofNullable(form.get(name)).map(List::getFirst).filter(v -> !v.isEmpty());
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw AcrAuthException.invalid("the form is not URL-encoded");
    }
  }

  private static byte[] decodeBase64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw AcrAuthException.unauthorized("malformed Basic credentials");
    }
  }

  private static void send(ServerResponse res, int status, ObjectNode body) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    res.send(Json.write(body).getBytes(StandardCharsets.UTF_8));
  }
}
