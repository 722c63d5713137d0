package dev.isla.nodes.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryEndpointTest {

  @Test
  void theAksManagedRepositoryFormPrefixesEveryRepository() {
    RegistryEndpoint e = RegistryEndpoint.ofServer("myacr.azurecr.io/aks-managed-repository");

    assertThat(e.url("oss/kubernetes/pause", "manifests", "3.6", true).toString()).isEqualTo(
        "https://myacr.azurecr.io/v2/aks-managed-repository/oss/kubernetes/pause/manifests/3.6"
            + "?ns=mcr.microsoft.com");
    assertThat(e.url("oss/binaries/kubernetes/kubernetes-node", "manifests", "v1", false)
        .toString()).isEqualTo("https://myacr.azurecr.io/v2/aks-managed-repository/oss/binaries/"
            + "kubernetes/kubernetes-node/manifests/v1");
  }

  @Test
  void theBareFormMirrorsAtTheRoot() {
    RegistryEndpoint e = RegistryEndpoint.ofServer("myacr.azurecr.io");

    assertThat(e.repository("oss/v2/kubernetes/coredns")).isEqualTo("oss/v2/kubernetes/coredns");
    assertThat(e.url("a/b", "blobs", "sha256:00", true).target())
        .isEqualTo("/v2/a/b/blobs/sha256:00?ns=mcr.microsoft.com");
  }

  @Test
  void directPullsAreNotMirrored() {
    assertThat(RegistryEndpoint.direct().url("a/b", "manifests", "t", true).toString())
        .isEqualTo("https://mcr.microsoft.com/v2/a/b/manifests/t");
  }

  @Test
  void imageReferencesParse() {
    assertThat(ImageRef.parse("oss/v2/kubernetes/pause:3.10.2"))
        .isEqualTo(new ImageRef("oss/v2/kubernetes/pause", "3.10.2"));
    assertThat(ImageRef.parse("a/b@sha256:" + "0".repeat(64)).reference()).startsWith("sha256:");
    assertThatThrownBy(() -> ImageRef.parse("Upper/Case:t"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageRef.parse("no-tag")).isInstanceOf(IllegalArgumentException.class);
  }
}
