package dev.isla.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.arm.Json;
import dev.isla.identity.MutableClock;
import dev.isla.identity.token.TokenRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

  static final SigningKey KEY = SigningKey.generate();
  static final SigningKey OTHER_KEY = SigningKey.generate();
  static final String ARM = "https://management.azure.com/";
  static final TokenSubject APP = new TokenSubject("11111111-1111-1111-1111-111111111111",
      "72f988bf-86f1-41af-91ab-2d7cd011db47", "22222222-2222-2222-2222-222222222222", Optional.empty());

  final MutableClock clock = MutableClock.now();
  final TokenIssuer issuer = new TokenIssuer(KEY, clock);
  final TokenVerifier verifier = new TokenVerifier(KEY, clock);

  @Test
  void acceptsItsOwnTokenAndReadsTheClaims() {
    IssuedToken token = issuer.issue(APP, ARM, Duration.ofHours(1), "1");

    TokenClaims claims = verifier.verify(token.accessToken(), Set.of("https://MANAGEMENT.azure.com"));

    assertThat(claims.audience()).isEqualTo(ARM);
    assertThat(claims.objectId()).isEqualTo(APP.objectId());
    assertThat(claims.tenantId()).isEqualTo(APP.tenantId());
    assertThat(claims.appId()).isEqualTo(APP.appId());
    assertThat(claims.identityType()).isEqualTo("app");
    assertThat(claims.issuer()).isEqualTo("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/");
    assertThat(claims.expiresOn()).isEqualTo(token.expiresOn());
    assertThat(claims.raw().path("ver").asText()).isEqualTo("1.0");
    assertThat(claims.raw().path("sub").asText()).isEqualTo(APP.objectId());
    assertThat(token.expiresInSeconds()).isEqualTo(3600);
  }

  @Test
  void rejectsAnExpiredToken() {
    IssuedToken token = issuer.issue(APP, ARM, Duration.ofHours(1), "1");
    clock.advance(Duration.ofHours(1).plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1));

    assertRejected(token.accessToken(), Set.of(ARM), Reason.EXPIRED);
  }

  @Test
  void toleratesSmallClockSkew() {
    IssuedToken token = issuer.issue(APP, ARM, Duration.ofHours(1), "1");
    clock.advance(Duration.ofHours(1).plusMinutes(4));

    assertThat(verifier.verify(token.accessToken(), Set.of(ARM)).objectId()).isEqualTo(APP.objectId());
  }

  @Test
  void rejectsATokenNotYetValid() {
    IssuedToken token = issuer.issue(APP, ARM, Duration.ofHours(1), "1");
    clock.advance(Duration.ofMinutes(-10));

    assertRejected(token.accessToken(), Set.of(ARM), Reason.NOT_YET_VALID);
  }

  @Test
  void rejectsATokenSignedByAnotherKey() {
    IssuedToken token = new TokenIssuer(OTHER_KEY, clock).issue(APP, ARM, Duration.ofHours(1), "1");

    assertRejected(token.accessToken(), Set.of(ARM), Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsATamperedPayload() {
    String[] parts = issuer.issue(APP, ARM, Duration.ofHours(1), "1").accessToken().split("\\.");
    String forged = Json.write(Json.parse(decode(parts[1])).deepCopy()).replace(APP.objectId(), "evil");
    String token = parts[0] + "." + encode(forged) + "." + parts[2];

    assertRejected(token, Set.of(ARM), Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsUnsignedTokens() {
    String[] parts = issuer.issue(APP, ARM, Duration.ofHours(1), "1").accessToken().split("\\.");
    String none = encode("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + parts[1] + ".";

    assertRejected(none, Set.of(ARM), Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsATokenForAnotherAudience() {
    IssuedToken token = issuer.issue(APP, "https://containerregistry.azure.net", Duration.ofHours(1), "1");

    assertThatThrownBy(() -> verifier.verify(token.accessToken(), Set.of(ARM)))
        .isInstanceOfSatisfying(TokenRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_AUDIENCE))
        .hasMessageContaining("'https://containerregistry.azure.net'");
  }

  @Test
  void rejectsAForeignIssuer() {
    var claims = Json.parse(decode(issuer.issue(APP, ARM, Duration.ofHours(1), "1")
        .accessToken().split("\\.")[1])).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) claims).put("iss", "https://evil.example/");

    assertRejected(KEY.sign((com.fasterxml.jackson.databind.node.ObjectNode) claims), Set.of(ARM),
        Reason.WRONG_ISSUER);
  }

  @Test
  void rejectsMalformedTokens() {
    assertRejected("not-a-jwt", Set.of(ARM), Reason.MALFORMED);
    assertRejected("a.b.c", Set.of(ARM), Reason.MALFORMED);
    assertRejected(KEY.sign(Json.object().put("aud", ARM)), Set.of(ARM), Reason.MALFORMED);
  }

  private void assertRejected(String token, Set<String> audiences, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(token, audiences))
        .isInstanceOfSatisfying(TokenRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
