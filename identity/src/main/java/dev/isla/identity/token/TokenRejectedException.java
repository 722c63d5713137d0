package dev.isla.identity.token;

/**
 * A token that must not be honoured, with the reason. Callers map the reason to their protocol:
 * ARM answers 401 {@code InvalidAuthenticationToken} (or {@code
 * InvalidAuthenticationTokenAudience} for {@link Reason#WRONG_AUDIENCE}, {@code ExpiredAuthenticationToken}
 * for {@link Reason#EXPIRED}); the registry answers 401 {@code UNAUTHORIZED}.
 */
public final class TokenRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** Not a JWT, or claims missing or of the wrong type. */
    MALFORMED,
    /** Not RS256, unknown key id, or a signature that does not verify. */
    BAD_SIGNATURE,
    /** {@code exp} has passed. */
    EXPIRED,
    /** {@code nbf} is still ahead. */
    NOT_YET_VALID,
    /** {@code aud} is not one of the audiences the caller accepts. */
    WRONG_AUDIENCE,
    /** {@code iss} is not the issuer this kind of token must carry. */
    WRONG_ISSUER
  }

  private final Reason reason;

  public TokenRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
