package dev.isla.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.registry.api.RegistryRoute.Kind;
import org.junit.jupiter.api.Test;

class RegistryRouteTest {

  @Test
  void endpoints() {
    assertThat(RegistryRoute.parse("/v2/").kind()).isEqualTo(Kind.BASE);
    assertThat(RegistryRoute.parse("/v2").kind()).isEqualTo(Kind.BASE);
    assertThat(RegistryRoute.parse("/v2/_catalog").kind()).isEqualTo(Kind.CATALOG);
    RegistryRoute manifest = RegistryRoute.parse("/v2/oss/kubernetes/pause/manifests/3.6");
    assertThat(manifest.kind()).isEqualTo(Kind.MANIFEST);
    assertThat(manifest.repository().orElseThrow().value()).isEqualTo("oss/kubernetes/pause");
    assertThat(manifest.parameter()).isEqualTo("3.6");
    assertThat(RegistryRoute.parse("/v2/a/blobs/uploads/").kind()).isEqualTo(Kind.UPLOADS);
    assertThat(RegistryRoute.parse("/v2/a/blobs/uploads/u-1").kind()).isEqualTo(Kind.UPLOAD);
    assertThat(RegistryRoute.parse("/v2/a/blobs/sha256:x").kind()).isEqualTo(Kind.BLOB);
    assertThat(RegistryRoute.parse("/v2/a/tags/list").kind()).isEqualTo(Kind.TAGS);
    assertThat(RegistryRoute.parse("/v2/a/referrers/sha256:x").kind()).isEqualTo(Kind.REFERRERS);
  }

  @Test
  void repositoriesMayContainEndpointWords() {
    RegistryRoute route = RegistryRoute.parse("/v2/blobs/manifests/v2/manifests/latest");
    assertThat(route.repository().orElseThrow().value()).isEqualTo("blobs/manifests/v2");
  }

  @Test
  void aPrefixedApiRootJoinsTheName() {
    RegistryRoute route = RegistryRoute.parse(
        "/aks-managed-repository/v2/oss/kubernetes/pause/manifests/3.6");
    assertThat(route.repository().orElseThrow().value())
        .isEqualTo("aks-managed-repository/oss/kubernetes/pause");
    assertThat(route.apiRoot()).isEqualTo("/aks-managed-repository/v2");
    assertThat(route.nameUnderRoot()).isEqualTo("oss/kubernetes/pause");
    assertThat(route.repositoryPath()).isEqualTo("/aks-managed-repository/v2/oss/kubernetes/pause");
  }

  @Test
  void traversalIsAnInvalidName() {
    for (String path : new String[] {"/v2/../etc/manifests/x", "/v2/a/%2e%2e/b/manifests/x",
        "/v2//abs/manifests/x", "/v2/A/manifests/x", "/../v2/a/manifests/x"}) {
      assertThatThrownBy(() -> RegistryRoute.parse(path)).as(path)
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.NAME_INVALID));
    }
  }

  @Test
  void pathsOutsideTheApiAreUnknown() {
    for (String path : new String[] {"/", "/v1/", "/v2abc", "/v2/a/unknown"}) {
      assertThatThrownBy(() -> RegistryRoute.parse(path)).as(path)
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.NAME_UNKNOWN));
    }
  }
}
