package dev.isla.identity.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectNamesTest {

  @Test
  void sortsDnsNamesAndIpAddresses() {
    SubjectNames names = SubjectNames.of("Localhost", "127.0.0.1", "*.azurecr.io", "::1");

    assertThat(names.dnsNames()).containsExactly("*.azurecr.io", "localhost");
    assertThat(names.ipAddresses()).containsExactly("0:0:0:0:0:0:0:1", "127.0.0.1");
  }

  @Test
  void wildcardsCoverExactlyOneLabel() {
    SubjectNames names = SubjectNames.of("*.azurecr.io", "localhost");

    assertThat(names.covers("myacr.azurecr.io")).isTrue();
    assertThat(names.covers("MYACR.AZURECR.IO")).isTrue();
    assertThat(names.covers("myacr.eastus.data.azurecr.io")).isFalse();
    assertThat(names.covers("azurecr.io")).isFalse();
    assertThat(names.covers("localhost")).isTrue();
    assertThat(names.covers("127.0.0.1")).isFalse();
  }

  @Test
  void unionAndContainment() {
    SubjectNames a = SubjectNames.of("localhost");
    SubjectNames b = a.union(SubjectNames.of("127.0.0.1"));

    assertThat(b.containsAll(a)).isTrue();
    assertThat(a.containsAll(b)).isFalse();
    assertThat(b).isEqualTo(SubjectNames.of("127.0.0.1", "localhost"));
  }

  @Test
  void refusesWhatIsNeitherANameNorAnAddress() {
    assertThatThrownBy(() -> SubjectNames.of("bad_name.io"))
        .hasMessage("'bad_name.io' is neither a DNS name nor an IP address");
    assertThatThrownBy(() -> SubjectNames.of("300.1.1.1")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> SubjectNames.of("a.*.io")).hasMessageContaining("neither");
    assertThatThrownBy(SubjectNames::of).hasMessageContaining("at least one name");
  }
}
