package dev.isla.launcher;

import static dev.isla.launcher.EdgeFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenClaims;
import dev.isla.identity.token.TokenVerifier;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's managed-identity endpoint as az 2.45 uses it ({@code POST MSI_ENDPOINT}, form
 * {@code resource=…[&client_id|object_id|msi_res_id=…]}, {@code Metadata: true}): the
 * system-assigned identity (the built-in principal) by default, user-assigned identities of the
 * control plane by each selector; the tokens carry the identity's {@code oid} and the HTTPS ARM
 * listener accepts them; unknown or deleted identities and foreign resources get IMDS' 400s.
 */
class HostImdsIT {

  @TempDir static Path data;
  static EdgeFixture arm;

  @BeforeAll
  static void start() throws Exception {
    arm = new EdgeFixture(data);
  }

  @AfterAll
  static void stop() {
    arm.close();
  }

  @Test
  void withoutASelectorTheHostGetsItsSystemIdentityWhichArmAccepts() throws Exception {
    HttpResponse<String> r = arm.msi("resource=" + enc(arm.httpsBase + "/"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = Json.parse(r.body());
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_on").asText()).matches("\\d+");
    assertThat(body.path("client_id").asText()).isEqualTo(arm.builtIn.principal().clientId());
    TokenClaims claims = verify(body.path("access_token").asText());
    assertThat(claims.objectId()).isEqualTo(arm.builtIn.principal().objectId());
    assertThat(claims.raw().path("appidacr").asText()).isEqualTo("2");
    assertThat(claims.managedIdentityResourceId()).isEmpty();
    assertThat(arm.send("GET", "/resourcegroups?api-version=2021-04-01", null,
        Optional.of(body.path("access_token").asText())).statusCode()).isEqualTo(200);
  }

  @Test
  void aUserAssignedIdentityIsSelectedByClientIdObjectIdOrResourceIdAndCarriesItsOid() throws Exception {
    JsonNode identity = arm.createIdentity("host-id");
    String id = identity.path("id").asText();
    String clientId = identity.path("properties").path("clientId").asText();
    String principalId = identity.path("properties").path("principalId").asText();
    String before = arm.msiToken("client_id=" + clientId);
    assertThat(arm.send("GET", "/resourcegroups/rg1?api-version=2021-04-01", null,
        Optional.of(before)).statusCode()).as("no role yet").isEqualTo(403);
    arm.grant(identity, "acdd72a7-3385-48ef-bd42-f606fba81ae7"); // Reader

    for (String selector : List.of("client_id=" + clientId, "object_id=" + principalId, "msi_res_id=" + enc(id))) {
      String token = arm.msiToken(selector);
      TokenClaims claims = verify(token);
      assertThat(claims.objectId()).as(selector).isEqualTo(principalId);
      assertThat(claims.appId()).as(selector).isEqualTo(clientId);
      assertThat(claims.managedIdentityResourceId()).as(selector).contains(id);
      assertThat(arm.send("GET", "/resourcegroups/rg1?api-version=2021-04-01", null,
          Optional.of(token)).statusCode()).as(selector).isEqualTo(200);
    }
  }

  @Test
  void anUnknownOrDeletedIdentityGetsNoToken() throws Exception {
    JsonNode identity = arm.createIdentity("short-lived");
    String clientId = identity.path("properties").path("clientId").asText();
    String resource = "resource=" + enc(arm.httpsBase + "/");
    assertThat(arm.msi(resource + "&client_id=" + clientId).statusCode()).isEqualTo(200);

    arm.send("DELETE", identity.path("id").asText() + "?api-version=2023-01-31", null, Optional.empty());
    HttpResponse<String> deleted = arm.msi(resource + "&client_id=" + clientId);
    HttpResponse<String> unknown = arm.msi(resource + "&object_id=00000000-0000-0000-0000-00000000beef");

    for (HttpResponse<String> r : List.of(deleted, unknown)) {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(Json.parse(r.body()).path("error_description").asText()).isEqualTo("Identity not found");
    }
  }

  @Test
  void aForeignResourceOrAMissingMetadataHeaderIsRefused() throws Exception {
    HttpResponse<String> foreign = arm.msi("resource=" + enc("https://example.com/"));
    HttpResponse<String> noHeader = arm.http().send(HttpRequest.newBuilder(URI.create(arm.edge.hostImds().msiEndpoint()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("resource=" + enc(arm.httpsBase + "/"))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(Json.parse(foreign.body()).path("error").asText()).isEqualTo("invalid_resource");
    assertThat(noHeader.statusCode()).isEqualTo(400);
    assertThat(Json.parse(noHeader.body()).path("error_description").asText())
        .isEqualTo("Required metadata header not specified");
  }

  @Test
  void theEndpointListensOnLoopbackOnly() {
    assertThat(arm.edge.hostImds().address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(arm.edge.hostImds().msiEndpoint()).startsWith("http://127.0.0.1:")
        .endsWith("/metadata/identity/oauth2/token");
  }

  private static TokenClaims verify(String token) {
    return new TokenVerifier(List.of(SigningKey.open(data)), Clock.systemUTC())
        .verify(token, Set.of(arm.httpsBase + "/"));
  }
}
