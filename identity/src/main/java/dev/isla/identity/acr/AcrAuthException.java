package dev.isla.identity.acr;

/**
 * A refused registry token request: status 401 {@code UNAUTHORIZED} (bad or expired credentials)
 * or 400 {@code UNSUPPORTED}/{@code INVALID_REQUEST} (malformed request). The registry writes it
 * as {@code {"errors":[{"code","message"}]}}, as ACR answers its {@code /oauth2} endpoints.
 */
public final class AcrAuthException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public AcrAuthException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static AcrAuthException unauthorized(String message) {
    return new AcrAuthException(401, "UNAUTHORIZED", message);
  }

  static AcrAuthException invalid(String message) {
    return new AcrAuthException(400, "INVALID_REQUEST", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
