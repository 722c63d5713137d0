package dev.isla.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;

/** How an instance's endpoints are shown to people and to shells. */
final class Endpoints {

  private Endpoints() {}

  static void print(PrintWriter out, InstanceState state, Path dataDir) {
    out.println("ARM endpoint:  " + state.armUrl() + " (loopback, no token needed)");
    out.println("ARM (HTTPS):   " + state.armHttpsUrl() + " (tokens from " + state.armHttpsUrl() + "/adfs)");
    out.println("subscription:  " + state.subscriptionId());
    out.println("tenant:        " + state.tenantId());
    out.println("registries:    " + state.registryUrl() + " (by Host: <name>.azurecr.io)");
    out.println("registries:    " + state.registryHttpsUrl() + " (TLS, by Host and SNI; on"
        + " 127.0.0.1 by path: /v2/<name>/<repo>)");
    out.println("tools:         bin/isla registry config containerd|skopeo|podman|docker NAME"
        + " --data " + dataDir);
    out.println("proxy:         " + state.proxyUrl() + " (CONNECT <name>.azurecr.io:443, for HTTPS_PROXY)");
    out.println("managed id:    " + state.msiEndpoint() + " (MSI_ENDPOINT)");
    out.println("DNS:           " + state.dns() + " (public view; isla dns --vnet NAME asks as a VNet)");
    out.println("MCR stand-in:  " + state.mcrUrl());
    out.println("CA bundle:     " + state.caBundle() + " (REQUESTS_CA_BUNDLE)");
    out.println("CA:            " + state.caRoot() + " (Isla's CA alone: hosts.toml ca, cert dirs)");
    out.println("truststore:    " + state.truststore() + " (PKCS12, password changeit)");
    out.println("credentials:   " + state.credentials() + " (built-in service principal, Owner)");
    out.println("data folder:   " + dataDir);
    out.println("use it:        eval \"$(bin/isla env --data " + dataDir + ")\"");
    out.println("real az:       eval \"$(bin/isla env --real-az --data " + dataDir + ")\"");
  }

  /** POSIX shell exports; every value single-quoted. */
  static String env(InstanceState state, Path dataDir, Path binDir) {
    StringBuilder sb = new StringBuilder();
    export(sb, "ISLA_DATA", dataDir.toString());
    export(sb, "ISLA_ARM_URL", state.armUrl());
    export(sb, "ISLA_SUBSCRIPTION_ID", state.subscriptionId());
    export(sb, "ISLA_TENANT_ID", state.tenantId());
    export(sb, "ISLA_REGISTRY_URL", state.registryUrl());
    export(sb, "ISLA_REGISTRY_HTTPS_URL", state.registryHttpsUrl());
    export(sb, "ISLA_CA_ROOT", state.caRoot());
    export(sb, "ISLA_DNS", state.dns());
    export(sb, "ISLA_ARM_HTTPS_URL", state.armHttpsUrl());
    export(sb, "ISLA_CA_BUNDLE", state.caBundle());
    export(sb, "ISLA_TRUSTSTORE", state.truststore());
    export(sb, "ISLA_CREDENTIALS", state.credentials());
    export(sb, "AZURE_CONFIG_DIR", dataDir.resolve("az").toString());
    sb.append("export PATH=").append(quote(binDir.toString())).append(":\"$PATH\"\n");
    sb.append("hash -r 2>/dev/null || true\n");
    return sb.toString();
  }

  private static void export(StringBuilder sb, String name, String value) {
    sb.append("export ").append(name).append('=').append(quote(value)).append('\n');
  }

  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
