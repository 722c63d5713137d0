package dev.isla.identity.acr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenClaims;
import dev.isla.identity.token.TokenRejectedException;
import dev.isla.identity.token.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * ACR's token exchange (research/aks-isolation.md §6.3), as plain Java for the registry's
 * {@code /oauth2/exchange} and {@code /oauth2/token}:
 * <ol>
 *   <li>{@link #exchange}: an Azure AD access token (audience {@code
 *       https://containerregistry.azure.net}, or one of the ARM audiences the registry accepts)
 *       becomes a refresh token ({@code iss: Azure Container Registry}, {@code aud: <registry>},
 *       {@code grant_type: refresh_token}, {@code permissions.actions} from
 *       {@link RegistryPermissions});
 *   <li>{@link #token}: a refresh token and scopes become an access token whose
 *       {@code access: [{type, name, actions}]} is narrowed to what the permissions allow;
 *   <li>{@link #anonymous}: when the registry allows anonymous pull, a token granting only
 *       {@code pull} on repositories.
 * </ol>
 * Scope actions need permissions as follows: {@code pull}, {@code metadata_read} and
 * {@code registry:catalog:*} need {@code read}; {@code push}, {@code metadata_write} need
 * {@code write}; {@code delete} needs {@code delete}; repository {@code *} needs all three.
 * Refresh tokens live {@link #REFRESH_LIFETIME}, access tokens {@link #ACCESS_LIFETIME}.
 */
public final class AcrTokenService {

  /** ACR's issuer claim. */
  public static final String ISSUER = "Azure Container Registry";
  public static final Duration REFRESH_LIFETIME = Duration.ofHours(3);
  public static final Duration ACCESS_LIFETIME = Duration.ofMinutes(75);

  private final SigningKey key;
  private final TokenVerifier verifier;
  private final RegistryPermissions permissions;
  private final Set<String> aadAudiences;
  private final Clock clock;

  /**
   * @param aadAudiences audiences an Azure AD token may carry to be exchanged; include ARM's only
   *     while registries authenticate "as ARM" ({@code azureADAuthenticationAsArmPolicy})
   */
  public AcrTokenService(SigningKey key, TokenVerifier verifier, RegistryPermissions permissions,
      Set<String> aadAudiences, Clock clock) {
    this.key = key;
    this.verifier = verifier;
    this.permissions = permissions;
    this.aadAudiences = Set.copyOf(aadAudiences);
    this.clock = clock;
  }

  /**
   * Exchanges an Azure AD access token for a refresh token of {@code service}.
   *
   * @throws AcrAuthException 401 when the token is invalid, expired, for another audience or
   *     another tenant than {@code tenant} (when given)
   */
  public String exchange(String aadAccessToken, String service, java.util.Optional<String> tenant) {
    TokenClaims principal;
    try {
      principal = verifier.verify(aadAccessToken, aadAudiences);
    } catch (TokenRejectedException e) {
      throw AcrAuthException.unauthorized("the access token is not valid for this registry: " + e.getMessage());
    }
    if (tenant.isPresent() && !tenant.get().equalsIgnoreCase(principal.tenantId())) {
      throw AcrAuthException.unauthorized("the access token belongs to tenant '"
          + principal.tenantId() + "', not '" + tenant.get() + "'");
    }
    ObjectNode claims = base(service, principal.objectId(), REFRESH_LIFETIME)
        .put("grant_type", "refresh_token").put("appid", principal.appId())
        .put("tenant", principal.tenantId());
    ObjectNode perms = claims.putObject("permissions");
    ArrayNode actions = perms.putArray("actions");
    new TreeSet<>(permissions.actions(service, principal)).forEach(actions::add);
    perms.putArray("notActions");
    claims.putArray("roles");
    return key.sign(claims);
  }

  /**
   * An access token for {@code scopes}, narrowed to the refresh token's permissions (a scope
   * with nothing left is omitted, as Docker's token protocol prescribes).
   *
   * @throws AcrAuthException 401 when the refresh token is invalid, expired or for another registry
   */
  public AcrToken token(String refreshToken, String service, List<AcrScope> scopes) {
    ObjectNode refresh;
    try {
      refresh = verifier.verifyOther(refreshToken, ISSUER, service);
    } catch (TokenRejectedException e) {
      throw AcrAuthException.unauthorized("the refresh token is not valid for this registry: " + e.getMessage());
    }
    // Access tokens carry grant_type too (as ACR's do); only refresh tokens carry permissions.
    if (!refresh.has("permissions") || refresh.has("access")) {
      throw AcrAuthException.unauthorized("the token presented is not a refresh token");
    }
    Set<String> granted = new TreeSet<>();
    refresh.path("permissions").path("actions").forEach(a -> granted.add(a.asText()));
    List<AcrScope> access = new ArrayList<>();
    for (AcrScope scope : scopes) {
      List<String> allowed = scope.actions().stream().filter(a -> allows(granted, scope, a)).toList();
      if (!allowed.isEmpty()) {
        access.add(scope.withActions(allowed));
      }
    }
    return sign(service, refresh.path("sub").asText(), access, refresh);
  }

  /** A token granting {@code pull} on the repositories among {@code scopes}, and nothing else. */
  public AcrToken anonymous(String service, List<AcrScope> scopes) {
    List<AcrScope> access = scopes.stream()
        .filter(s -> s.type().equals("repository") && s.actions().contains("pull"))
        .map(s -> s.withActions(List.of("pull"))).toList();
    return sign(service, "", access, Json.object());
  }

  /**
   * What an access token presented to {@code service} grants.
   *
   * @throws AcrAuthException 401 when it is invalid, expired, or for another registry
   */
  public List<AcrScope> verifyAccess(String accessToken, String service) {
    ObjectNode claims;
    try {
      claims = verifier.verifyOther(accessToken, ISSUER, service);
    } catch (TokenRejectedException e) {
      throw AcrAuthException.unauthorized("the access token is not valid for this registry: " + e.getMessage());
    }
    if (!claims.has("access")) {
      throw AcrAuthException.unauthorized("the token presented is not an access token");
    }
    List<AcrScope> access = new ArrayList<>();
    for (JsonNode a : claims.path("access")) {
      List<String> actions = new ArrayList<>();
      a.path("actions").forEach(x -> actions.add(x.asText()));
      access.add(new AcrScope(a.path("type").asText(), a.path("name").asText(), actions));
    }
    return access;
  }

  private AcrToken sign(String service, String subject, List<AcrScope> access, ObjectNode refresh) {
    ObjectNode claims = base(service, subject, ACCESS_LIFETIME);
    ArrayNode array = claims.putArray("access");
    for (AcrScope s : access) {
      ObjectNode entry = array.addObject().put("type", s.type()).put("name", s.name());
      s.actions().forEach(entry.putArray("actions")::add);
    }
    claims.putArray("roles");
    claims.put("grant_type", refresh.path("grant_type").asText("anonymous"));
    for (String name : List.of("appid", "tenant")) {
      if (refresh.hasNonNull(name)) {
        claims.put(name, refresh.get(name).asText());
      }
    }
    return new AcrToken(key.sign(claims), access, Instant.ofEpochSecond(claims.get("exp").asLong()));
  }

  private ObjectNode base(String service, String subject, Duration lifetime) {
    long now = clock.instant().getEpochSecond();
    return Json.object().put("jti", UUID.randomUUID().toString()).put("sub", subject)
        .put("nbf", now).put("exp", now + lifetime.toSeconds()).put("iat", now)
        .put("iss", ISSUER).put("aud", service).put("version", "1.0")
        .put("rid", UUID.randomUUID().toString().replace("-", ""));
  }

  private static boolean allows(Set<String> granted, AcrScope scope, String action) {
    if (granted.contains(RegistryPermissions.ALL)) {
      return true;
    }
    if (scope.type().equals("registry")) {
      return scope.name().equals("catalog") && granted.contains(RegistryPermissions.READ);
    }
    return switch (action) {
      case "pull", "metadata_read" -> granted.contains(RegistryPermissions.READ);
      case "push", "metadata_write" -> granted.contains(RegistryPermissions.WRITE);
      case "delete" -> granted.contains(RegistryPermissions.DELETE);
      case "*" -> granted.containsAll(Set.of(RegistryPermissions.READ, RegistryPermissions.WRITE,
          RegistryPermissions.DELETE));
      default -> false;
    };
  }
}
