package dev.isla.identity.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The one place the identity endpoints write JSON bodies and OAuth2 errors. */
final class OAuthResponses {

  private static final DateTimeFormatter AAD_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private OAuthResponses() {}

  static void json(ServerResponse res, int status, ObjectNode body) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store, no-cache");
    res.header(HeaderNames.PRAGMA, "no-cache");
    res.send(Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Azure AD's error body: {@code error}, {@code error_description} (with trace and correlation
   * ids and timestamp appended, as Azure AD writes them), {@code error_codes}, {@code timestamp},
   * {@code trace_id}, {@code correlation_id}, {@code error_uri}.
   */
  static void aadError(ServerRequest req, ServerResponse res, OAuthException e) {
    String trace = UUID.randomUUID().toString();
    String correlation = req.headers().first(HeaderNames.create("client-request-id"))
        .orElse(UUID.randomUUID().toString());
    String time = AAD_TIME.format(Instant.now());
    ObjectNode body = Json.object().put("error", e.error().error())
        .put("error_description", e.getMessage() + "\r\nTrace ID: " + trace
            + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + time);
    if (e.error().aadsts() != 0) {
      body.putArray("error_codes").add(e.error().aadsts());
    }
    body.put("timestamp", time).put("trace_id", trace).put("correlation_id", correlation);
    if (e.error().aadsts() != 0) {
      body.put("error_uri", Forms.baseUrl(req) + "/error?code=" + e.error().aadsts());
    }
    json(res, e.error().status(), body);
  }

  /** IMDS' and App Service's error body: {@code error} and {@code error_description} only. */
  static void managedIdentityError(ServerResponse res, OAuthException e) {
    json(res, e.error().status(),
        Json.object().put("error", e.error().error()).put("error_description", e.getMessage()));
  }
}
