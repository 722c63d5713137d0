package dev.isla.launcher.adapt;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.controlplane.arm.ArmGate;
import dev.isla.controlplane.arm.ArmRequest;
import dev.isla.controlplane.arm.RequiredAction;
import dev.isla.controlplane.rp.authorization.Authorization;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.identity.token.TokenClaims;
import dev.isla.identity.token.TokenRejectedException;
import dev.isla.identity.token.TokenVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ARM's bearer-token check over the identity module's {@link TokenVerifier}: on the TLS listener
 * every request needs {@code Authorization: Bearer <token>} issued by Isla for one of ARM's
 * audiences; on the plain loopback listener (the project's own {@code az}) a missing header is
 * admitted, but a header that is present is checked the same way. Refusals carry ARM's codes
 * and texts ({@code AuthenticationFailed}, {@code InvalidAuthenticationToken},
 * {@code ExpiredAuthenticationToken}, {@code InvalidAuthenticationTokenAudience}).
 *
 * <p>A verified token's principal is then authorized as Azure RBAC does: the request's
 * operation ({@link RequiredAction}) must be allowed by a role assigned to the principal at its
 * scope or above, else 403 {@code AuthorizationFailed}. Requests without a token on loopback
 * HTTP are the operator's and skip this (docs/DEVIATIONS.md).
 */
public final class TokenGate implements ArmGate {

  /** ARM's time format in {@code ExpiredAuthenticationToken} ({@code 11/4/2020 8:50:49 PM}). */
  private static final DateTimeFormatter ARM_TIME =
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

  private final TokenVerifier verifier;
  private final Set<String> audiences;
  private final Clock clock;
  private final ResourceStore store;

  /**
   * Accepts tokens for {@code audiences} (ARM's own URLs and Azure's management audiences) and
   * authorizes their principals from the role assignments in {@code store}.
   */
  public TokenGate(TokenVerifier verifier, Set<String> audiences, Clock clock, ResourceStore store) {
    this.verifier = verifier;
    this.audiences = Set.copyOf(audiences);
    this.clock = clock;
    this.store = store;
  }

  @Override
  public void admit(ArmRequest request, boolean secure) {
    Optional<String> header = request.header("authorization");
    if (header.isEmpty()) {
      if (secure) {
        throw ArmException.of(ArmErrorCode.AUTHORIZATION_HEADER_MISSING);
      }
      return;
    }
    String value = header.get().trim();
    if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.substring(7).isBlank()) {
      throw ArmException.of(ArmErrorCode.AUTHORIZATION_HEADER_INVALID);
    }
    TokenClaims principal = verify(value.substring(7).trim());
    RequiredAction.of(request.method(), request.path()).ifPresent(needed ->
        Authorization.require(store, principal.objectId(), principal.appId(), needed));
  }

  private TokenClaims verify(String token) {
    try {
      return verifier.verify(token, audiences);
    } catch (TokenRejectedException e) {
      throw switch (e.reason()) {
        case EXPIRED -> ArmException.of(ArmErrorCode.EXPIRED_AUTHENTICATION_TOKEN,
            ARM_TIME.format(expiry(token)), ARM_TIME.format(clock.instant()));
        case WRONG_AUDIENCE -> ArmException.of(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN_AUDIENCE,
            audienceOf(token), allowed());
        case BAD_SIGNATURE -> ArmException.of(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN,
            "The access token signature is invalid.");
        case MALFORMED -> ArmException.of(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN,
            "The access token is invalid.");
        case NOT_YET_VALID, WRONG_ISSUER -> ArmException.of(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN,
            "The access token is invalid: " + e.getMessage() + ".");
      };
    }
  }

  private String allowed() {
    return audiences.stream().sorted().map(a -> "'" + a + "'").collect(Collectors.joining(","));
  }

  /** The claims of a token already proven well-formed and signed, read without checks. */
  private static Instant expiry(String token) {
    return Instant.ofEpochSecond(UnverifiedClaims.of(token).path("exp").asLong());
  }

  private static String audienceOf(String token) {
    return UnverifiedClaims.of(token).path("aud").asText();
  }

  /** Azure's management audiences, accepted besides Isla's own ARM URLs. */
  public static List<String> azureAudiences() {
    return List.of("https://management.azure.com/", "https://management.core.windows.net/");
  }
}
