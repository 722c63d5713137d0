package dev.isla.registry.api;

import static dev.isla.registry.Oci.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.isla.registry.Oci;
import dev.isla.registry.OciClient;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.MemoryDriver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACR's data endpoints: with {@code dataEndpointEnabled}, a blob GET on the login server is
 * redirected (307) to the data endpoint with a signed, short-lived link the data endpoint
 * honours; HEAD and manifests are answered by the login server; without data endpoints nothing
 * is redirected. Checked with a client that does not follow redirects and with curl, which does.
 */
class DataEndpointRedirectIT {

  private static final String REPO = "team/app";

  @TempDir
  Path work;

  RegistryFixture fixture;
  OciClient login;
  byte[] layer = Oci.random(200_000, 7);
  byte[] manifest;
  String blobPath = "/v2/" + REPO + "/blobs/" + Digest.sha256(layer);

  @BeforeEach
  void start() {
    fixture = new RegistryFixture(new MemoryDriver());
    login = fixture.client;
    manifest = Oci.pushImage(login, REPO, "v1", 7);
    Oci.pushBlob(login, REPO, layer);
    enableDataEndpoints(true);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  void enableDataEndpoints(boolean enabled) {
    fixture.catalog.put(new RegistryInfo("myacr", RegistryFixture.LOGIN_SERVER,
        List.of(RegistryFixture.DATA_ENDPOINT), false, true, enabled));
  }

  @Test
  void aBlobGetOnTheLoginServerIsRedirectedToTheDataEndpointWhichServesIt() {
    // Real clients send the port in Host; the Location keeps it.
    HttpResponse<byte[]> redirect = new OciClient(fixture.server.port(),
        RegistryFixture.LOGIN_SERVER + ":" + fixture.server.port())
        .get(blobPath + "?ns=mcr.microsoft.com");
    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(redirect.body()).isEmpty();
    URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(location.getScheme()).isEqualTo("http");
    assertThat(location.getHost()).isEqualTo(RegistryFixture.DATA_ENDPOINT);
    assertThat(location.getPort()).isEqualTo(fixture.server.port());
    assertThat(location.getRawPath()).isEqualTo(blobPath);
    assertThat(location.getRawQuery()).startsWith("ns=mcr.microsoft.com&se=").contains("&sig=");

    HttpResponse<byte[]> data = login.withHost(RegistryFixture.DATA_ENDPOINT)
        .get(location.getRawPath() + "?" + location.getRawQuery());
    assertThat(data.statusCode()).isEqualTo(200);
    assertThat(data.body()).isEqualTo(layer);
    assertThat(data.headers().firstValue("Docker-Content-Digest"))
        .hasValue(Digest.sha256(layer).toString());
  }

  @Test
  void headsManifestsAndTheDataEndpointItselfAreNotRedirected() {
    HttpResponse<byte[]> head = login.head(blobPath);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("200000");
    HttpResponse<byte[]> manifestGet = login.get("/v2/" + REPO + "/manifests/v1",
        "Accept", Oci.OCI_MANIFEST);
    assertThat(manifestGet.statusCode()).isEqualTo(200);
    assertThat(manifestGet.body()).isEqualTo(manifest);
    HttpResponse<byte[]> direct = login.withHost(RegistryFixture.DATA_ENDPOINT).get(blobPath);
    assertThat(direct.statusCode()).isEqualTo(200);
    assertThat(direct.body()).isEqualTo(layer);
  }

  @Test
  void withoutDataEndpointsTheLoginServerServesTheBlob() {
    enableDataEndpoints(false);
    HttpResponse<byte[]> get = login.get(blobPath);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(layer);
  }

  @Test
  void anUnknownBlobIsNotRedirected() {
    HttpResponse<byte[]> get = login.get("/v2/" + REPO + "/blobs/"
        + Digest.sha256(Oci.utf8("absent")));
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(errorCode(get)).isEqualTo("BLOB_UNKNOWN");
  }

  @Test
  void aTamperedOrMalformedLinkIsRefused() {
    String location = login.get(blobPath).headers().firstValue("Location").orElseThrow();
    URI uri = URI.create(location);
    OciClient data = login.withHost(RegistryFixture.DATA_ENDPOINT);
    String otherBlob = "/v2/" + REPO + "/blobs/" + Digest.sha256(Oci.utf8("other"));
    HttpResponse<byte[]> moved = data.get(otherBlob + "?" + uri.getRawQuery());
    assertThat(moved.statusCode()).isEqualTo(403);
    assertThat(errorCode(moved)).isEqualTo("DENIED");
    HttpResponse<byte[]> later = data.get(blobPath + "?" + uri.getRawQuery()
        .replaceFirst("se=\\d+", "se=99999999999"));
    assertThat(later.statusCode()).isEqualTo(403);
    HttpResponse<byte[]> garbled = data.get(blobPath + "?se=soon&sig=x");
    assertThat(garbled.statusCode()).isEqualTo(403);
  }

  @Test
  void curlFollowsTheRedirectToTheDataEndpoint() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
    int port = fixture.server.port();
    Path body = work.resolve("body");
    Process curl = new ProcessBuilder("curl", "-sS", "-L", "--max-time", "30",
        "--resolve", RegistryFixture.LOGIN_SERVER + ":" + port + ":127.0.0.1",
        "--resolve", RegistryFixture.DATA_ENDPOINT + ":" + port + ":127.0.0.1",
        "-o", body.toString(), "-w", "%{http_code} %{num_redirects} %{url_effective}",
        "http://" + RegistryFixture.LOGIN_SERVER + ":" + port + blobPath)
        .redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes());
    assertThat(curl.waitFor(40, TimeUnit.SECONDS)).isTrue();
    assertThat(out).startsWith("200 1 http://" + RegistryFixture.DATA_ENDPOINT + ":" + port
        + blobPath + "?se=");
    assertThat(Files.readAllBytes(body)).isEqualTo(layer);
  }

  @Test
  void theDataEndpointServesRangesOfARedirectedBlob() throws IOException {
    String location = login.get(blobPath).headers().firstValue("Location").orElseThrow();
    URI uri = URI.create(location);
    HttpResponse<byte[]> part = login.withHost(RegistryFixture.DATA_ENDPOINT)
        .get(uri.getRawPath() + "?" + uri.getRawQuery(), "Range", "bytes=10-19");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(layer, 10, 20));
  }
}
