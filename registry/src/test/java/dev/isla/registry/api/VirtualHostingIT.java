package dev.isla.registry.api;

import static dev.isla.registry.Oci.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.Oci;
import dev.isla.registry.OciClient;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.MemoryDriver;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One listener, many registries: routing by {@code Host}, API roots, names, {@code ns}. */
class VirtualHostingIT {

  static RegistryFixture fixture;
  static OciClient client;

  @BeforeAll
  static void start() {
    fixture = new RegistryFixture(new MemoryDriver());
    fixture.catalog.put(RegistryInfo.of("otheracr"));
    client = fixture.client;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void anUnknownHostGetsAClearOciError() {
    HttpResponse<byte[]> response = client.withHost("nosuch.azurecr.io:443").get("/v2/");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(new String(response.body())).isEqualTo("{\"errors\":[{\"code\":\"NAME_UNKNOWN\","
        + "\"message\":\"registry unknown\",\"detail\":\"no registry is served at host "
        + "'nosuch.azurecr.io:443'\"}]}");
  }

  @Test
  void registriesAreSeparateAndHostsCaseInsensitive() {
    Oci.pushImage(client, "vh/app", "v1", 1);
    assertThat(client.withHost("MyAcr.AzureCR.io").get("/v2/vh/app/manifests/v1").statusCode())
        .isEqualTo(200);
    OciClient other = client.withHost("otheracr.azurecr.io");
    assertThat(errorCode(other.get("/v2/vh/app/manifests/v1"))).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  void theDataEndpointServesTheSameRegistry() {
    byte[] content = Oci.random(100, 2);
    Digest digest = Oci.pushBlob(client, "vh/data", content);
    HttpResponse<byte[]> get = client.withHost(RegistryFixture.DATA_ENDPOINT)
        .get("/v2/vh/data/blobs/" + digest);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(content);
  }

  @Test
  void aPrefixedApiRootAddressesTheJoinedRepository() {
    byte[] manifest = Oci.pushImage(client, "aks-managed-repository/oss/kubernetes/pause", "3.6",
        3);
    HttpResponse<byte[]> get = client.get(
        "/aks-managed-repository/v2/oss/kubernetes/pause/manifests/3.6?ns=mcr.microsoft.com");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(manifest);
    assertThat(get.headers().firstValue("OCI-Namespace")).hasValue("mcr.microsoft.com");
    HttpResponse<byte[]> upload = client.post(
        "/aks-managed-repository/v2/oss/kubernetes/pause/blobs/uploads/", new byte[0]);
    assertThat(upload.headers().firstValue("Location").orElseThrow())
        .startsWith("/aks-managed-repository/v2/oss/kubernetes/pause/blobs/uploads/");
    assertThat(client.get("/aks-managed-repository/v2/").statusCode()).isEqualTo(200);
  }

  @Test
  void onAnIpHostTheFirstPathComponentSelectsTheRegistry() {
    OciClient byPath = client.withHost("127.0.0.1:" + fixture.server.port());
    byte[] manifest = Oci.pushImage(byPath, "myacr/vh/path", "v1", 2);
    HttpResponse<byte[]> viaLogin = client.get("/v2/vh/path/manifests/v1");
    assertThat(viaLogin.statusCode()).as("stored as myacr's vh/path").isEqualTo(200);
    assertThat(viaLogin.body()).isEqualTo(manifest);
    for (OciClient local : List.of(byPath, client.withHost("localhost"))) {
      assertThat(local.get("/v2/").statusCode()).isEqualTo(200);
      assertThat(local.get("/v2/myacr.azurecr.io/vh/path/manifests/v1").body())
          .as("by login server").isEqualTo(manifest);
    }
    assertThat(new String(byPath.get("/v2/myacr/vh/path/tags/list").body()))
        .isEqualTo("{\"name\":\"myacr/vh/path\",\"tags\":[\"v1\"]}");
    assertThat(byPath.post("/v2/myacr/vh/path/blobs/uploads/", new byte[0]).headers()
        .firstValue("Location").orElseThrow()).startsWith("/v2/myacr/vh/path/blobs/uploads/");
    assertThat(errorCode(byPath.get("/v2/otheracr/vh/path/manifests/v1")))
        .as("registries stay apart").isEqualTo("MANIFEST_UNKNOWN");
    HttpResponse<byte[]> unknown = byPath.get("/v2/nosuch/vh/path/manifests/v1");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(errorCode(unknown)).isEqualTo("NAME_UNKNOWN");
    assertThat(errorCode(byPath.get("/v2/vh/manifests/v1"))).as("a one-component name")
        .isEqualTo("NAME_UNKNOWN");
    assertThat(errorCode(byPath.get("/v2/_catalog"))).isEqualTo("NAME_UNKNOWN");
  }

  @Test
  void traversalAttemptsAreInvalidNames() {
    for (String path : new String[] {"/v2/a/%2e%2e/b/manifests/x", "/v2/a/../b/manifests/x",
        "/v2/a/%2F/b/manifests/x", "/v2/UPPER/manifests/x"}) {
      HttpResponse<byte[]> response = client.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(errorCode(response)).as(path).isEqualTo("NAME_INVALID");
    }
  }

  @Test
  void unsupportedMethodsAndPaths() {
    assertThat(errorCode(client.send("PATCH", "/v2/vh/app/manifests/v1", new byte[] {1})))
        .isEqualTo("UNSUPPORTED");
    assertThat(client.send("PATCH", "/v2/vh/app/manifests/v1", new byte[] {1}).statusCode())
        .isEqualTo(405);
    assertThat(errorCode(client.get("/v2/vh/app/unknown"))).isEqualTo("NAME_UNKNOWN");
    assertThat(client.post("/v2/", new byte[0]).statusCode()).isEqualTo(405);
  }
}
