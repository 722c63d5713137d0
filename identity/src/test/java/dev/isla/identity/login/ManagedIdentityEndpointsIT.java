package dev.isla.identity.login;

import static dev.isla.identity.login.IdentityTestServer.IDENTITY_HEADER;
import static dev.isla.identity.login.IdentityTestServer.KUBELET;
import static dev.isla.identity.login.IdentityTestServer.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.identity.login.IdentityTestServer.Reply;
import dev.isla.identity.token.TokenClaims;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedIdentityEndpointsIT {

  static final String ACR = "https://containerregistry.azure.net";
  static final String IMDS = ManagedIdentityEndpoints.IMDS_PATH;

  @TempDir static Path data;
  static IdentityTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new IdentityTestServer(data, List.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void imdsIssuesTheKubeletTokenAsAgentBakerAsksForIt() throws Exception {
    Reply r = server.get(IMDS + "?api-version=2018-02-01&resource=" + ACR + "&client_id=" + KUBELET.clientId(),
        "Metadata", "true");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("client_id").asText()).isEqualTo(KUBELET.clientId());
    assertThat(r.json().path("resource").asText()).isEqualTo(ACR);
    assertThat(r.json().path("token_type").asText()).isEqualTo("Bearer");
    for (String f : List.of("expires_in", "expires_on", "ext_expires_in", "not_before")) {
      assertThat(r.json().path(f).isTextual()).as(f).isTrue();
      assertThat(r.json().path(f).asText()).as(f).matches("\\d+");
    }
    TokenClaims claims = server.verifier.verify(r.json().path("access_token").asText(), Set.of(ACR));
    assertThat(claims.objectId()).isEqualTo(KUBELET.principalId());
    assertThat(claims.appId()).isEqualTo(KUBELET.clientId());
    assertThat(claims.managedIdentityResourceId()).isEqualTo(KUBELET.resourceId());
  }

  @Test
  void selectsByObjectIdAndResourceIdAndDefaultsToSystemAssigned() throws Exception {
    Reply byObject = server.get(IMDS + "?api-version=2018-02-01&resource=" + ACR + "&object_id="
        + KUBELET.principalId(), "Metadata", "true");
    Reply byResource = server.get(IMDS + "?api-version=2019-08-01&resource=" + ACR + "&mi_res_id="
        + KUBELET.resourceId().orElseThrow(), "Metadata", "true");
    Reply byDefault = server.get(IMDS + "?api-version=2018-02-01&resource=https://management.azure.com/",
        "Metadata", "true");

    assertThat(byObject.json().path("client_id").asText()).isEqualTo(KUBELET.clientId());
    assertThat(byResource.json().path("client_id").asText()).isEqualTo(KUBELET.clientId());
    assertThat(byDefault.json().path("client_id").asText()).isEqualTo(SYSTEM.clientId());
  }

  @Test
  void msiEndpointPostAsAz245SendsIt() throws Exception {
    Reply r = server.postForm(IMDS, Map.of("resource", "https://management.core.windows.net/"), "Metadata", "true");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("expires_on").asText()).matches("\\d+");
    assertThat(r.json().path("access_token").asText()).isNotEmpty();
  }

  @Test
  void withoutMetadataHeaderIs400() throws Exception {
    Reply r = server.get(IMDS + "?api-version=2018-02-01&resource=" + ACR);
    Reply post = server.postForm(IMDS, Map.of("resource", ACR));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
    assertThat(r.json().path("error_description").asText()).isEqualTo("Required metadata header not specified");
    assertThat(post.status()).isEqualTo(400);
  }

  @Test
  void missingOrOldApiVersionMissingResourceAndUnknownIdentityAre400() throws Exception {
    Reply noVersion = server.get(IMDS + "?resource=" + ACR, "Metadata", "true");
    Reply oldVersion = server.get(IMDS + "?api-version=2017-04-02&resource=" + ACR, "Metadata", "true");
    Reply noResource = server.get(IMDS + "?api-version=2018-02-01", "Metadata", "true");
    Reply unknown = server.get(IMDS + "?api-version=2018-02-01&resource=" + ACR + "&client_id=nobody", "Metadata", "true");
    Reply badResource = server.get(IMDS + "?api-version=2018-02-01&resource=https://x.example", "Metadata", "true");

    assertThat(noVersion.json().path("error_description").asText()).isEqualTo("Required query variable 'api-version' is missing");
    assertThat(oldVersion.json().path("error_description").asText()).isEqualTo("Invalid api-version '2017-04-02'");
    assertThat(noResource.json().path("error_description").asText()).isEqualTo("Required audience parameter not specified");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error_description").asText()).isEqualTo("Identity not found");
    assertThat(badResource.json().path("error").asText()).isEqualTo("invalid_resource");
    assertThat(badResource.json().has("error_codes")).isFalse();
  }

  @Test
  void appServiceEndpointChecksTheIdentityHeader() throws Exception {
    String path = ManagedIdentityEndpoints.APP_SERVICE_PATH + "?api-version=2019-08-01&resource=" + ACR
        + "&client_id=" + KUBELET.clientId();

    Reply ok = server.get(path, "X-IDENTITY-HEADER", IDENTITY_HEADER);
    Reply missing = server.get(path);
    Reply wrong = server.get(path, "X-IDENTITY-HEADER", "guess");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().fieldNames()).toIterable()
        .containsExactly("access_token", "expires_on", "resource", "token_type", "client_id");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("error").asText()).isEqualTo("unauthorized_client");
  }
}
