package dev.isla.identity.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretHashTest {

  @Test
  void matchesOnlyTheHashedSecretAndRoundTripsItsText() {
    SecretHash hash = SecretHash.of("s3cret~value", 1000);

    assertThat(hash.matches("s3cret~value")).isTrue();
    assertThat(hash.matches("s3cret~valuE")).isFalse();
    SecretHash parsed = SecretHash.parse(hash.text());
    assertThat(parsed).isEqualTo(hash);
    assertThat(parsed.matches("s3cret~value")).isTrue();
    assertThat(hash.text()).doesNotContain("s3cret").startsWith("pbkdf2-sha256$1000$");
    assertThat(hash.toString()).isEqualTo("SecretHash[pbkdf2-sha256]");
  }

  @Test
  void saltsEachHash() {
    assertThat(SecretHash.of("x", 1000).text()).isNotEqualTo(SecretHash.of("x", 1000).text());
  }

  @Test
  void refusesOtherForms() {
    assertThatThrownBy(() -> SecretHash.parse("md5$abc")).hasMessageContaining("not a pbkdf2-sha256");
    assertThatThrownBy(() -> SecretHash.parse("pbkdf2-sha256$x$AA$AA")).hasMessageContaining("not a");
  }
}
