package dev.isla.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code isla registry config containerd|skopeo|podman|docker NAME}: prints a ready client
 * configuration for one registry of the running instance ({@link RegistryClientConfig}). The
 * registry is looked up in ARM (the instance's loopback endpoint) so that a name the cloud does
 * not know fails as {@code az acr show} does: {@code ERROR: …} on stderr, exit code 3.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
    description = "Reach the cloud's registries from this machine.",
    subcommands = RegistryCommand.Config.class)
final class RegistryCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  @Command(name = "config", mixinStandardHelpOptions = true,
      description = "Print a ready configuration (containerd hosts.toml,"
      + " registries.conf for skopeo/podman, docker certs.d or daemon.json) for reaching registry"
      + " NAME of this instance from this machine; its header says where to put it.")
  static final class Config implements Callable<Integer> {
    @CommandLine.Mixin Isla.DataOption data = new Isla.DataOption();

    @Parameters(index = "0", paramLabel = "containerd|skopeo|podman|docker") String tool;

    @Parameters(index = "1", paramLabel = "NAME") String name;

    @ArgGroup(exclusive = true) Scheme scheme;

    static final class Scheme {
      @Option(names = "--https", description = "Over TLS with Isla's CA (default).") boolean https;

      @Option(names = "--http", description = "Over plain HTTP (loopback).") boolean http;
    }

    @Override
    public Integer call() throws IOException {
      RegistryClientConfig.Tool which;
      try {
        which = RegistryClientConfig.Tool.parse(tool);
      } catch (IllegalArgumentException e) {
        System.err.println("ERROR: '" + tool + "' is not a client isla knows: use containerd,"
            + " skopeo, podman or docker");
        return 2;
      }
      Optional<InstanceState> state = InstanceState.readLive(data.dir());
      if (state.isEmpty()) {
        System.err.println("ERROR: no instance is running for " + data.dir()
            + "; start one with: isla start --data " + data.dir());
        return 1;
      }
      Optional<JsonNode> registry = find(state.get(), name);
      if (registry.isEmpty()) {
        System.err.println("ERROR: The resource with name '" + name + "' and type"
            + " 'Microsoft.ContainerRegistry/registries' could not be found in subscription '"
            + state.get().subscriptionId() + "'.");
        return 3;
      }
      boolean https = scheme == null || !scheme.http;
      String url = https ? state.get().registryHttpsUrl() : state.get().registryUrl();
      Path caRoot = Path.of(state.get().caRoot());
      System.out.print(new RegistryClientConfig(which, registry.get().path("name").asText(),
          registry.get().path("properties").path("loginServer").asText(),
          url.substring(url.indexOf("://") + 3), https, caRoot,
          caRoot.resolveSibling("cert-dir")).text());
      return 0;
    }
  }

  /**
   * The registry named {@code name} (case-insensitive) among the subscription's, from ARM,
   * following {@code nextLink} pages.
   */
  static Optional<JsonNode> find(InstanceState state, String name) throws IOException {
    String url = state.armUrl() + "/subscriptions/" + state.subscriptionId()
        + "/providers/Microsoft.ContainerRegistry/registries?api-version=2023-07-01";
    for (int page = 0; page < 1000 && !url.isEmpty(); page++) {
      JsonNode list = get(url);
      for (JsonNode r : list.path("value")) {
        if (r.path("name").asText().equalsIgnoreCase(name)) {
          return Optional.of(r);
        }
      }
      url = list.path("nextLink").asText("");
    }
    return Optional.empty();
  }

  private static JsonNode get(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(30000);
    if (c.getResponseCode() != 200) {
      throw new IOException("ARM answered " + c.getResponseCode() + " listing registries");
    }
    try (InputStream in = c.getInputStream()) {
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
