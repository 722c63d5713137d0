package dev.isla.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.nio.file.Path;

/**
 * {@code isla env --real-az}: shell text that points an unmodified Azure CLI (Debian's 2.45) at
 * an instance in one {@code eval}. It exports an isolated {@code AZURE_CONFIG_DIR}
 * ({@code <data>/az-real}), {@code REQUESTS_CA_BUNDLE} (system CAs plus Isla's; az uses
 * {@code requests}, not the OS store) and no telemetry; then, unless that folder was already set
 * up for this instance's HTTPS URL (ports change at each start), it registers the cloud
 * {@code Isla} from a JSON config, selects it and logs in the built-in service principal. The
 * login authority is ADFS-shaped ({@code <arm>/adfs}) because MSAL Python then skips instance
 * discovery, which would need the internet (research/emulators.md §0). The secret is read from
 * the credentials file by the shell at eval time, never printed.
 *
 * <p>{@code HTTPS_PROXY} is Isla's {@code CONNECT} proxy, so that {@code <name>.azurecr.io}
 * (which does not resolve on the host) reaches the registry ({@code az acr login}); Isla's own
 * endpoints on {@code 127.0.0.1} bypass it ({@code NO_PROXY}).
 *
 * <p>It also exports {@code MSI_ENDPOINT}, the host's managed-identity endpoint (az 2.45 POSTs
 * {@code resource=…} there for {@code az login --identity}). With an identity
 * ({@code isla env --real-az --identity [ID]}) the folder logs in as that managed identity
 * instead: the host's system-assigned identity, or a user-assigned one by client id, object id
 * or resource id. The marker file records the ARM URL and the login, so switching re-logs.
 */
final class RealAzEnv {

  static final String MARKER = "isla-arm-url";

  private RealAzEnv() {}

  /** The login: the built-in service principal, or a managed identity. */
  sealed interface Login {
    /** The built-in service principal (its secret from the credentials file). */
    record BuiltInPrincipal() implements Login {}

    /** {@code az login --identity}, of the host's system identity when {@code id} is empty. */
    record Identity(java.util.Optional<String> id) implements Login {}
  }

  static String script(InstanceState state, Path dataDir) {
    return script(state, dataDir, new Login.BuiltInPrincipal());
  }

  static String script(InstanceState state, Path dataDir, Login login) {
    String arm = state.armHttpsUrl() + "/";
    String marker = arm + " " + switch (login) {
      case Login.BuiltInPrincipal p -> "service-principal";
      case Login.Identity i -> "identity " + i.id().orElse("system");
    };
    String configDir = dataDir.resolve("az-real").toString();
    StringBuilder sb = new StringBuilder();
    export(sb, "ISLA_DATA", dataDir.toString());
    export(sb, "ISLA_ARM_HTTPS_URL", state.armHttpsUrl());
    export(sb, "ISLA_SUBSCRIPTION_ID", state.subscriptionId());
    export(sb, "ISLA_TENANT_ID", state.tenantId());
    export(sb, "AZURE_CONFIG_DIR", configDir);
    export(sb, "REQUESTS_CA_BUNDLE", state.caBundle());
    export(sb, "AZURE_CORE_COLLECT_TELEMETRY", "false");
    export(sb, "MSI_ENDPOINT", state.msiEndpoint());
    // <name>.azurecr.io does not resolve here: requests reaches it through Isla's proxy, and
    // everything else Isla serves (ARM, login, MSI) on 127.0.0.1 directly.
    export(sb, "HTTPS_PROXY", state.proxyUrl());
    export(sb, "NO_PROXY", "127.0.0.1,localhost");
    sb.append("ISLA_REAL_AZ=\"${ISLA_REAL_AZ:-/usr/bin/az}\"\n");
    sb.append("if [ \"$(cat \"$AZURE_CONFIG_DIR/").append(MARKER).append("\" 2>/dev/null)\" != ")
        .append(Endpoints.quote(marker)).append(" ]; then\n");
    sb.append("  rm -rf \"$AZURE_CONFIG_DIR\" && mkdir -p \"$AZURE_CONFIG_DIR\" && chmod 700 \"$AZURE_CONFIG_DIR\"\n");
    sb.append("  \"$ISLA_REAL_AZ\" cloud register --name Isla --cloud-config ")
        .append(Endpoints.quote(Json.write(cloudConfig(arm)))).append(" -o none >&2 \\\n");
    sb.append("  && \"$ISLA_REAL_AZ\" cloud set --name Isla --only-show-errors -o none >&2 \\\n");
    sb.append("  && \"$ISLA_REAL_AZ\" login ").append(loginArguments(state, login))
        .append(" -o none >&2 \\\n");
    sb.append("  && printf '%s' ").append(Endpoints.quote(marker)).append(" > \"$AZURE_CONFIG_DIR/")
        .append(MARKER).append("\" \\\n");
    sb.append("  || echo 'isla: setting up the Azure CLI failed (see above)' >&2\n");
    sb.append("fi\n");
    return sb.toString();
  }

  private static String loginArguments(InstanceState state, Login login) {
    return switch (login) {
      case Login.BuiltInPrincipal p -> "--service-principal -u " + Endpoints.quote(clientId(state))
          + " -p \"$(python3 -c "
          + Endpoints.quote("import json,sys; print(json.load(open(sys.argv[1]))['clientSecret'])")
          + " " + Endpoints.quote(state.credentials()) + ")\" --tenant "
          + Endpoints.quote(state.tenantId());
      case Login.Identity i -> "--identity"
          + i.id().map(id -> " -u " + Endpoints.quote(id)).orElse("");
    };
  }

  /** The cloud as {@code az cloud register --cloud-config} takes it (az 2.45 key names). */
  static ObjectNode cloudConfig(String arm) {
    ObjectNode config = Json.object();
    ObjectNode endpoints = config.putObject("endpoints");
    endpoints.put("resourceManager", arm).put("management", arm)
        .put("activeDirectory", arm + "adfs").put("activeDirectoryResourceId", arm)
        .put("activeDirectoryGraphResourceId", arm).put("microsoftGraphResourceId", arm)
        .put("gallery", arm).put("sqlManagement", arm);
    config.putObject("suffixes").put("acrLoginServerEndpoint", ".azurecr.io")
        .put("storageEndpoint", "core.windows.net").put("keyvaultDns", ".vault.azure.net");
    return config;
  }

  private static String clientId(InstanceState state) {
    return Json.parse(read(Path.of(state.credentials()))).path("clientId").asText();
  }

  private static String read(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the built-in principal's credentials " + file
          + ": " + e.getMessage(), e);
    }
  }

  private static void export(StringBuilder sb, String name, String value) {
    sb.append("export ").append(name).append('=').append(Endpoints.quote(value)).append('\n');
  }
}
