package dev.isla.launcher;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Ready client configuration for reaching one registry of a running instance from this machine,
 * where {@code <name>.azurecr.io} does not resolve: every tool is pointed at the registry
 * listener's {@code 127.0.0.1:PORT} with the registry chosen by the first path component
 * ({@code /v2/<name>/…}, docs/REGISTRY.md "Path mode"), and over TLS told to trust Isla's CA.
 * Each text starts with comment lines saying where it goes and how to use it.
 *
 * @param tool which client
 * @param name the registry's name ({@code myacr})
 * @param loginServer its login server ({@code myacr.azurecr.io})
 * @param listener {@code host:port} of the listener to use (TLS or plain)
 * @param https whether {@code listener} is the TLS one
 * @param caRoot Isla's CA certificate alone (PEM)
 * @param certDir a folder holding that certificate as {@code ca.crt} (containers' and docker's
 *     cert-dir layout)
 */
record RegistryClientConfig(Tool tool, String name, String loginServer, String listener,
    boolean https, Path caRoot, Path certDir) {

  /** The clients a configuration can be printed for. */
  enum Tool {
    CONTAINERD, SKOPEO, PODMAN, DOCKER;

    static Tool parse(String text) {
      return Tool.valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /** The configuration text. */
  String text() {
    return switch (tool) {
      case CONTAINERD -> containerd();
      case SKOPEO, PODMAN -> containers();
      case DOCKER -> docker();
    };
  }

  private String scheme() {
    return https ? "https" : "http";
  }

  /** {@code 127.0.0.1:PORT/<name>}: the registry's root in path mode. */
  String pathRoot() {
    return listener + "/" + name.toLowerCase(Locale.ROOT);
  }

  private String containerd() {
    StringBuilder sb = new StringBuilder();
    sb.append("# containerd: ").append(loginServer).append(" on this Isla instance (")
        .append(scheme()).append(").\n")
        .append("# Save as <hosts dir>/").append(loginServer).append("/hosts.toml, the hosts dir"
            + " being /etc/containerd/certs.d\n")
        .append("# (config_path of the CRI registry plugin) or any folder given to ctr:\n")
        .append("#   ctr images pull --hosts-dir <hosts dir> ").append(loginServer)
        .append("/<repository>:<tag>\n")
        .append("server = \"https://").append(loginServer).append("\"\n\n")
        .append("[host.\"").append(scheme()).append("://").append(listener).append("/v2/")
        .append(name.toLowerCase(Locale.ROOT)).append("\"]\n")
        .append("  capabilities = [\"pull\", \"resolve\", \"push\"]\n");
    if (https) {
      sb.append("  ca = \"").append(caRoot).append("\"\n");
    }
    return sb.append("  override_path = true\n").toString();
  }

  private String containers() {
    String client = tool.name().toLowerCase(Locale.ROOT);
    String certFlags = tool == Tool.SKOPEO ? "--src-cert-dir/--dest-cert-dir " : "--cert-dir ";
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(client).append(": ").append(loginServer)
        .append(" on this Isla instance (").append(scheme()).append(").\n")
        .append("# Append to /etc/containers/registries.conf or"
            + " ~/.config/containers/registries.conf\n")
        .append("# (or save as a file in /etc/containers/registries.conf.d/), then use ")
        .append(loginServer).append("/<repository>:<tag>.\n");
    if (https) {
      sb.append("# Trust Isla's CA: ").append(certFlags).append(certDir)
          .append(" (it holds ca.crt),\n")
          .append("# or copy ").append(caRoot).append(" to /etc/containers/certs.d/")
          .append(listener).append("/ca.crt\n");
    } else {
      sb.append("# Plain HTTP: the entry below is marked insecure (or pass --tls-verify=false).\n");
    }
    sb.append("# It rewrites pulls only; push (and anything without this file) to\n")
        .append("#   docker://").append(pathRoot()).append("/<repository>:<tag>\n")
        .append("[[registry]]\n")
        .append("prefix = \"").append(loginServer).append("\"\n")
        .append("location = \"").append(pathRoot()).append("\"\n")
        .append("insecure = ").append(!https).append('\n');
    return sb.toString();
  }

  private String docker() {
    StringBuilder sb = new StringBuilder();
    sb.append("# docker: ").append(loginServer).append(" on this Isla instance (")
        .append(scheme()).append(").\n");
    String usage = "# Docker mirrors only Docker Hub: name images by the listener's path, e.g.\n"
        + "#   docker pull " + pathRoot() + "/<repository>:<tag>\n"
        + "#   docker tag " + pathRoot() + "/<repository>:<tag> " + loginServer
        + "/<repository>:<tag>\n"
        + "#   docker push " + pathRoot() + "/<repository>:<tag>\n";
    if (!https) {
      return sb.append("# Merge into /etc/docker/daemon.json and restart dockerd (127.0.0.0/8"
              + " is insecure by default already).\n")
          .append(usage)
          .append("{\"insecure-registries\": [\"").append(listener).append("\"]}\n").toString();
    }
    Path dir = Path.of("/etc/docker/certs.d", listener);
    return sb.append("# Run as root (a shell script): docker trusts Isla's CA for the listener,"
            + " no restart needed.\n")
        .append(usage)
        .append("mkdir -p ").append(dir).append('\n')
        .append("cp ").append(caRoot).append(' ').append(dir.resolve("ca.crt")).append('\n')
        .toString();
  }
}
