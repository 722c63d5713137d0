package dev.isla.launcher.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.arm.Caller;
import dev.isla.identity.token.TokenClaims;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who a verified token names, as ARM's systemData shows it. */
class TokenGateTest {

  private static final String APP = "0f5d3c1e-2b7a-4e9d-8c61-3a4b5c6d7e8f";

  @Test
  void anApplicationIsNamedByItsClientId() {
    assertThat(TokenGate.callerOf(claims(Optional.empty(), Json.object(), "app")))
        .isEqualTo(new Caller("oid", APP, Caller.Type.Application));
  }

  @Test
  void aManagedIdentityIsNamedByItsClientIdAsManagedIdentity() {
    String mirid = "/subscriptions/s/resourceGroups/rg/providers/"
        + "Microsoft.ManagedIdentity/userAssignedIdentities/id1";
    assertThat(TokenGate.callerOf(claims(Optional.of(mirid), Json.object(), "app")))
        .isEqualTo(new Caller("oid", APP, Caller.Type.ManagedIdentity));
  }

  @Test
  void aUserIsNamedByItsUpn() {
    assertThat(TokenGate.callerOf(claims(Optional.empty(), Json.object().put("upn", "ada@contoso.com"), "user")))
        .isEqualTo(new Caller("oid", "ada@contoso.com", Caller.Type.User));
  }

  private static TokenClaims claims(Optional<String> mirid, ObjectNode raw, String identityType) {
    Instant now = Instant.now();
    return new TokenClaims("https://127.0.0.1:1/", "https://127.0.0.1:1/t/", "oid", "t", APP,
        identityType, now, now, now.plusSeconds(3600), mirid, raw);
  }
}
