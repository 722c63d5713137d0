package dev.isla.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

  @TempDir Path data;

  @Test
  void isCreatedOnceOwnerOnlyAndKeepsItsKeyId() throws Exception {
    SigningKey first = SigningKey.open(data);
    SigningKey again = SigningKey.open(data);

    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(again.publicKey()).isEqualTo(first.publicKey());
    Path file = data.resolve("identity/signing-key.pem");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(file.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(first.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void publishesItsPublicHalfAsAJwk() {
    SigningKey key = SigningKey.generate();

    var doc = Jwks.document(java.util.List.of(key));

    var jwk = doc.path("keys").get(0);
    assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
    assertThat(jwk.path("kid").asText()).isEqualTo(key.keyId());
    assertThat(jwk.path("alg").asText()).isEqualTo("RS256");
    assertThat(jwk.has("d")).isFalse();
    assertThat(jwk.path("e").asText()).isEqualTo("AQAB");
  }
}
