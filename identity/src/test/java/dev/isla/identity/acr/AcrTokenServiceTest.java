package dev.isla.identity.acr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.identity.MutableClock;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenSubject;
import dev.isla.identity.token.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcrTokenServiceTest {

  static final String ACR_AUDIENCE = "https://containerregistry.azure.net";
  static final String SERVICE = "isla1.azurecr.io";
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final SigningKey KEY = SigningKey.generate();
  static final TokenSubject PULLER = new TokenSubject("oid-puller", TENANT, "app-puller", Optional.empty());
  static final TokenSubject PUSHER = new TokenSubject("oid-pusher", TENANT, "app-pusher", Optional.empty());
  static final TokenSubject STRANGER = new TokenSubject("oid-stranger", TENANT, "app-stranger", Optional.empty());

  final MutableClock clock = MutableClock.now();
  final TokenIssuer aad = new TokenIssuer(KEY, clock);
  final Map<String, Set<String>> roles = Map.of("oid-puller", Set.of("read"),
      "oid-pusher", Set.of("read", "write"));
  final AcrTokenService service = new AcrTokenService(KEY, new TokenVerifier(KEY, clock),
      (svc, p) -> svc.equals(SERVICE) ? roles.getOrDefault(p.objectId(), Set.of()) : Set.of(),
      Set.of(ACR_AUDIENCE), clock);

  @Test
  void exchangeWritesThePermissionsAgentBakerReads() {
    String refresh = service.exchange(aadToken(PULLER, ACR_AUDIENCE), SERVICE, Optional.of(TENANT));

    JsonNode claims = payload(refresh);
    assertThat(claims.path("iss").asText()).isEqualTo("Azure Container Registry");
    assertThat(claims.path("aud").asText()).isEqualTo(SERVICE);
    assertThat(claims.path("grant_type").asText()).isEqualTo("refresh_token");
    assertThat(claims.path("tenant").asText()).isEqualTo(TENANT);
    assertThat(claims.path("sub").asText()).isEqualTo("oid-puller");
    assertThat(claims.path("permissions").path("actions")).extracting(JsonNode::asText).containsExactly("read");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3 * 3600);
  }

  @Test
  void accessIsNarrowedToThePermissions() {
    String refresh = service.exchange(aadToken(PULLER, ACR_AUDIENCE), SERVICE, Optional.empty());

    AcrToken token = service.token(refresh, SERVICE, List.of(
        AcrScope.parse("repository:aks-managed-repository/oss/kubernetes/pause:pull,push"),
        AcrScope.parse("repository:other:push"), AcrScope.parse("registry:catalog:*")));

    assertThat(token.access()).extracting(AcrScope::toString).containsExactly(
        "repository:aks-managed-repository/oss/kubernetes/pause:pull", "registry:catalog:*");
    assertThat(service.verifyAccess(token.token(), SERVICE)).isEqualTo(token.access());
    assertThat(payload(token.token()).path("access").get(0).path("actions").get(0).asText()).isEqualTo("pull");
  }

  @Test
  void pushersMayPushButNotDelete() {
    String refresh = service.exchange(aadToken(PUSHER, ACR_AUDIENCE), SERVICE, Optional.empty());

    AcrToken token = service.token(refresh, SERVICE, List.of(AcrScope.parse("repository:app:pull,push,delete")));

    assertThat(token.access()).extracting(AcrScope::toString).containsExactly("repository:app:pull,push");
  }

  @Test
  void aPrincipalWithoutRolesGetsARefreshTokenButNoAccess() {
    String refresh = service.exchange(aadToken(STRANGER, ACR_AUDIENCE), SERVICE, Optional.empty());

    assertThat(payload(refresh).path("permissions").path("actions")).isEmpty();
    assertThat(service.token(refresh, SERVICE, List.of(AcrScope.parse("repository:app:pull"))).access()).isEmpty();
  }

  @Test
  void exchangeRefusesBadAadTokens() {
    assertUnauthorized(() -> service.exchange(aadToken(PULLER, "https://management.azure.com/"), SERVICE, Optional.empty()));
    assertUnauthorized(() -> service.exchange(aadToken(PULLER, ACR_AUDIENCE), SERVICE, Optional.of("other-tenant")));
    assertUnauthorized(() -> service.exchange("garbage", SERVICE, Optional.empty()));
    String foreign = new TokenIssuer(SigningKey.generate(), clock)
        .issue(PULLER, ACR_AUDIENCE, Duration.ofHours(1), "2").accessToken();
    assertUnauthorized(() -> service.exchange(foreign, SERVICE, Optional.empty()));
  }

  @Test
  void refreshTokensAreBoundToTheirRegistryAndExpire() {
    String refresh = service.exchange(aadToken(PULLER, ACR_AUDIENCE), SERVICE, Optional.empty());
    List<AcrScope> pull = List.of(AcrScope.parse("repository:app:pull"));

    assertUnauthorized(() -> service.token(refresh, "other.azurecr.io", pull));
    AcrToken access = service.token(refresh, SERVICE, pull);
    assertUnauthorized(() -> service.token(access.token(), SERVICE, pull));
    assertUnauthorized(() -> service.verifyAccess(refresh, SERVICE));
    clock.advance(AcrTokenService.REFRESH_LIFETIME.plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1));
    assertUnauthorized(() -> service.token(refresh, SERVICE, pull));
  }

  @Test
  void anonymousTokensGrantPullOnly() {
    AcrToken token = service.anonymous(SERVICE, List.of(AcrScope.parse("repository:app:pull,push"),
        AcrScope.parse("repository:other:push"), AcrScope.parse("registry:catalog:*")));

    assertThat(token.access()).extracting(AcrScope::toString).containsExactly("repository:app:pull");
  }

  private String aadToken(TokenSubject subject, String audience) {
    return aad.issue(subject, audience, Duration.ofHours(1), "2").accessToken();
  }

  private static void assertUnauthorized(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AcrAuthException.class,
        e -> assertThat(e.status()).isEqualTo(401));
  }

  static JsonNode payload(String jwt) {
    return Json.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }
}
