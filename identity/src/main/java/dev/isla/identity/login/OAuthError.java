package dev.isla.identity.login;

/**
 * The OAuth2 errors the login and managed-identity endpoints answer, each with its HTTP status,
 * its {@code error} code, Azure AD's {@code AADSTS} number (0 for IMDS-only errors) and the
 * message Azure AD or IMDS writes (texts as Azure AD documents them in its error-code reference).
 */
public enum OAuthError {
  MISSING_PARAMETER(400, "invalid_request", 900144,
      "The request body must contain the following parameter: '%s'."),
  MISSING_SCOPE(400, "invalid_request", 90014,
      "The required field 'scope' is missing from the credential. Ensure that you have all the"
          + " necessary parameters for the login request."),
  UNSUPPORTED_GRANT_TYPE(400, "unsupported_grant_type", 70003,
      "The app requested an unsupported grant type '%s'."),
  INVALID_SCOPE(400, "invalid_scope", 1002012,
      "The provided value for scope %s is not valid. Client credential flows must have a scope"
          + " value with /.default suffixed to the resource identifier (application ID URI)."),
  UNKNOWN_RESOURCE(400, "invalid_resource", 500011,
      "The resource principal named %s was not found in the tenant named %s. This can happen if"
          + " the application has not been installed by the administrator of the tenant or"
          + " consented to by any user in the tenant. You might have sent your authentication"
          + " request to the wrong tenant."),
  UNKNOWN_CLIENT(400, "unauthorized_client", 700016,
      "Application with identifier '%s' was not found in the directory '%s'. This can happen if"
          + " the application has not been installed by the administrator of the tenant or"
          + " consented to by any user in the tenant. You may have sent your authentication"
          + " request to the wrong tenant."),
  MISSING_CLIENT_SECRET(401, "invalid_client", 7000218,
      "The request body must contain the following parameter: 'client_assertion' or"
          + " 'client_secret'."),
  INVALID_CLIENT_SECRET(401, "invalid_client", 7000215,
      "Invalid client secret provided. Ensure the secret being sent in the request is the client"
          + " secret value, not the client secret ID, for a secret added to app '%s'."),
  IMDS_METADATA_HEADER(400, "invalid_request", 0, "Required metadata header not specified"),
  IMDS_API_VERSION(400, "invalid_request", 0, "Required query variable 'api-version' is missing"),
  IMDS_BAD_API_VERSION(400, "invalid_request", 0, "Invalid api-version '%s'"),
  IMDS_AUDIENCE(400, "invalid_request", 0, "Required audience parameter not specified"),
  IMDS_IDENTITY_NOT_FOUND(400, "invalid_request", 0, "Identity not found"),
  IDENTITY_HEADER_MISSING(400, "invalid_request", 0,
      "Required header X-IDENTITY-HEADER not specified"),
  IDENTITY_HEADER_WRONG(401, "unauthorized_client", 0,
      "The X-IDENTITY-HEADER value does not match this endpoint's IDENTITY_HEADER");

  private final int status;
  private final String error;
  private final int aadsts;
  private final String template;

  OAuthError(int status, String error, int aadsts, String template) {
    this.status = status;
    this.error = error;
    this.aadsts = aadsts;
    this.template = template;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** Azure AD's error number, 0 for errors Azure AD does not number. */
  public int aadsts() {
    return aadsts;
  }

  /** The message with {@code args}, prefixed {@code AADSTS<n>: } when Azure AD numbers it. */
  public String describe(Object... args) {
    String text = String.format(template, args);
    return aadsts == 0 ? text : "AADSTS" + aadsts + ": " + text;
  }
}
