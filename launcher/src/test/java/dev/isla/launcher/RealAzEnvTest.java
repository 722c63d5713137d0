package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code isla env --real-az [--identity [ID]]} prints: the proxy and managed-identity
 * exports, the login it performs, and a marker that tells the two logins apart (so switching
 * logs in again); the principal's secret never appears in the text.
 */
class RealAzEnvTest {

  @TempDir Path data;

  private InstanceState state() throws Exception {
    Path credentials = data.resolve("isla-sp.json");
    Files.writeString(credentials, "{\"clientId\":\"c1\",\"clientSecret\":\"s3cr3t\"}");
    return new InstanceState(1, "http://127.0.0.1:1", "sub", "tenant", Instant.EPOCH,
        "http://127.0.0.1:2", "127.0.0.1:3", "http://127.0.0.1:4", "http://127.0.0.1:5",
        "https://127.0.0.1:6", "/ca.pem", "/ts.p12", credentials.toString(), "https://127.0.0.1:7",
        "/root.pem", "http://127.0.0.1:8/metadata/identity/oauth2/token", "http://127.0.0.1:9");
  }

  @Test
  void exportsTheProxyAndTheManagedIdentityEndpointAndLogsInThePrincipal() throws Exception {
    String script = RealAzEnv.script(state(), data);

    assertThat(script).contains("export HTTPS_PROXY='http://127.0.0.1:9'\n")
        .contains("export NO_PROXY='127.0.0.1,localhost'\n")
        .contains("export MSI_ENDPOINT='http://127.0.0.1:8/metadata/identity/oauth2/token'\n")
        .contains("login --service-principal -u 'c1'")
        .contains("'https://127.0.0.1:6/ service-principal'")
        .doesNotContain("s3cr3t");
  }

  @Test
  void withAnIdentityItLogsInThroughTheManagedIdentityEndpoint() throws Exception {
    String system = RealAzEnv.script(state(), data, new RealAzEnv.Login.Identity(Optional.empty()));
    String user = RealAzEnv.script(state(), data, new RealAzEnv.Login.Identity(Optional.of("client-1")));

    assertThat(system).contains("\" login --identity -o none").contains("'https://127.0.0.1:6/ identity system'")
        .doesNotContain("--service-principal");
    assertThat(user).contains("\" login --identity -u 'client-1' -o none")
        .contains("'https://127.0.0.1:6/ identity client-1'");
  }
}
