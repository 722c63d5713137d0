package dev.isla.nodes.boot;

import dev.isla.nodes.net.Url;
import java.util.Optional;

/**
 * Where a node sends registry API calls for MCR content (research/aks-isolation.md §2 items 5–6).
 * For a {@code Cache} node the server string is {@code <acr>.azurecr.io} or
 * {@code <acr>.azurecr.io/aks-managed-repository}: ORAS pulls {@code <server>/<repo>}, i.e.
 * repository {@code <prefix>/<repo>} on the registry host; containerd's mirror
 * ({@code hosts.toml} with {@code override_path}) sends {@code /v2/<prefix>/<repo>/…} with
 * {@code ?ns=mcr.microsoft.com} appended. A {@code Direct} node talks to MCR itself.
 *
 * @param host the registry host the node resolves and connects to
 * @param prefix the repository prefix of the server string, if any
 * @param mirrored the endpoint is a mirror of MCR (containerd then appends {@code ns})
 */
public record RegistryEndpoint(String host, Optional<String> prefix, boolean mirrored) {

  /** MCR's host, which mirrored pulls name in {@code ns}. */
  public static final String MCR = "mcr.microsoft.com";

  /** A {@code Cache} node's endpoint from {@code containerRegistryServer}. */
  public static RegistryEndpoint ofServer(String server) {
    int slash = server.indexOf('/');
    if (slash < 0) {
      return new RegistryEndpoint(server, Optional.empty(), true);
    }
    return new RegistryEndpoint(server.substring(0, slash),
        Optional.of(server.substring(slash + 1).replaceAll("/+$", "")), true);
  }

  /** A {@code Direct} node's endpoint: MCR itself. */
  public static RegistryEndpoint direct() {
    return new RegistryEndpoint(MCR, Optional.empty(), false);
  }

  /** The repository name on this registry for an MCR repository. */
  public String repository(String mcrRepository) {
    return prefix.map(p -> p + "/" + mcrRepository).orElse(mcrRepository);
  }

  /**
   * The URL of {@code /v2/<name>/<kind>/<reference>}.
   *
   * @param containerd whether containerd (not ORAS) sends it, which adds {@code ns} on a mirror
   */
  public Url url(String mcrRepository, String kind, String reference, boolean containerd) {
    String ns = containerd && mirrored ? "?ns=" + MCR : "";
    return Url.parse("https://" + host + "/v2/" + repository(mcrRepository) + "/" + kind + "/"
        + reference + ns);
  }

  /** The base URL, for {@code /v2/} and {@code /v2/_catalog}. */
  public Url root(String path) {
    return Url.parse("https://" + host + path);
  }
}
