package dev.isla.nodes.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrlTest {

  @Test
  void parsesDefaultPortsAndTargets() {
    assertThat(Url.parse("https://MCR.microsoft.com/v2/")).isEqualTo(
        new Url("https", "mcr.microsoft.com", 443, "/v2/"));
    assertThat(Url.parse("http://169.254.169.254/metadata?a=1&b=2")).isEqualTo(
        new Url("http", "169.254.169.254", 80, "/metadata?a=1&b=2"));
    assertThat(Url.parse("http://h:8080")).isEqualTo(new Url("http", "h", 8080, "/"));
  }

  @Test
  void theAuthorityCarriesOnlyANonDefaultPort() {
    assertThat(Url.parse("https://h/").authority()).isEqualTo("h");
    assertThat(Url.parse("https://h:8443/").authority()).isEqualTo("h:8443");
  }

  @Test
  void resolvesLocations() {
    Url base = Url.parse("https://myacr.azurecr.io/v2/a/blobs/sha256:1?x=1");
    assertThat(base.resolve("https://myacr.eastus.data.azurecr.io/b?sig=1"))
        .isEqualTo(Url.parse("https://myacr.eastus.data.azurecr.io/b?sig=1"));
    assertThat(base.resolve("/v2/other")).isEqualTo(Url.parse("https://myacr.azurecr.io/v2/other"));
    assertThat(base.resolve("c")).isEqualTo(Url.parse("https://myacr.azurecr.io/v2/a/blobs/c"));
  }

  @Test
  void refusesWhatIsNotHttp() {
    assertThatThrownBy(() -> Url.parse("ftp://h/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Url.parse("https://h:99999/")).isInstanceOf(IllegalArgumentException.class);
  }
}
