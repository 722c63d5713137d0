package dev.isla.identity.login;

/** A refused token request; the endpoints write it in their protocol's error format. */
public final class OAuthException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final OAuthError error;

  private OAuthException(OAuthError error, String description) {
    super(description);
    this.error = error;
  }

  public static OAuthException of(OAuthError error, Object... args) {
    return new OAuthException(error, error.describe(args));
  }

  public OAuthError error() {
    return error;
  }
}
