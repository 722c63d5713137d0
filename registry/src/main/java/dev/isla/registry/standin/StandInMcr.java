package dev.isla.registry.standin;

import dev.isla.registry.RegistryServer;
import dev.isla.registry.catalog.MemoryRegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.proxy.PullThrough;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.FilesystemDriver;
import dev.isla.registry.storage.driver.StorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The stand-in MCR served over HTTP: a read-only registry answering as {@code mcr.microsoft.com}
 * does for anonymous pulls ({@code GET /v2/} 200, no token exchange; pushes and deletes
 * {@code DENIED}). Its content lives in {@code <data>/mcr/}, generated there on first start and
 * reused afterwards; it is regenerated only when the folder is missing or was written by another
 * generator version or for other Kubernetes versions. Requests for any host (an IP literal,
 * {@code localhost}) are answered as MCR, so clients and upstream maps can point at the port.
 */
public final class StandInMcr implements AutoCloseable {

  /** The host the stand-in answers as. */
  public static final String HOST = "mcr.microsoft.com";
  /** The registry key its content is stored under in its own folder. */
  static final String REGISTRY_KEY = "mcr";
  static final String STAMP = "generator";

  private final StandInContent content;
  private final RegistryServer server;
  private final String host;
  private final RequestLog requests;

  private StandInMcr(StandInContent content, RegistryServer server, String host,
      RequestLog requests) {
    this.requests = requests;
    this.content = content;
    this.server = server;
    this.host = host;
  }

  /**
   * Prepares {@code <dataFolder>/mcr/} for {@code kubernetesVersions} and starts serving it on
   * {@code host:port} (0 picks a free port).
   *
   * @throws StorageException when the folder cannot be written
   */
  public static StandInMcr start(Path dataFolder, List<String> kubernetesVersions, String host,
      int port) {
    StandInContent content = StandInContent.generate(kubernetesVersions);
    Path folder = prepare(dataFolder, content);
    MemoryRegistryCatalog catalog = new MemoryRegistryCatalog()
        .put(new RegistryInfo(REGISTRY_KEY, HOST, List.of(), true, true));
    RequestLog requests = new RequestLog();
    RegistryServer server = new RegistryServer(catalog, new FilesystemDriver(folder),
        new ReadOnlyPolicy(), new RegistryServer.Settings(UpstreamMap.direct(), host, port,
            PullThrough.DEFAULT_TAG_FRESHNESS, Duration.ofSeconds(30), Optional.of(HOST)),
        List.of(requests));
    return new StandInMcr(content, server, host, requests);
  }

  /**
   * Makes {@code <dataFolder>/mcr/} hold {@code content}: kept when its stamp matches, else
   * generated into a sibling folder, stamped, and moved into place (a crash leaves either the
   * old folder, no folder, or the complete new one — never a stamped partial one).
   *
   * @return the folder
   */
  public static Path prepare(Path dataFolder, StandInContent content) {
    Path folder = dataFolder.resolve("mcr");
    String stamp = stamp(content);
    try {
      Path stampFile = folder.resolve(STAMP);
      if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
        return folder;
      }
      Path fresh = dataFolder.resolve("mcr.generating");
      deleteTree(fresh);
      content.writeTo(new FilesystemDriver(fresh), REGISTRY_KEY);
      Files.writeString(fresh.resolve(STAMP), stamp, StandardCharsets.UTF_8);
      deleteTree(folder);
      Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
      return folder;
    } catch (IOException e) {
      throw new StorageException("cannot prepare the stand-in MCR in " + folder, e);
    }
  }

  /** The requests served since this stand-in started, by method and path. */
  public RequestLog requests() {
    return requests;
  }

  /** The content served. */
  public StandInContent content() {
    return content;
  }

  public int port() {
    return server.port();
  }

  /** The base URL to reach it ({@code http://127.0.0.1:PORT}), e.g. for an {@link UpstreamMap}. */
  public URI baseUri() {
    String literal = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + literal + ":" + port());
  }

  @Override
  public void close() {
    server.close();
  }

  private static String stamp(StandInContent content) {
    return "isla-mcr-standin " + StandInContent.GENERATOR_VERSION + "\nkubernetes "
        + String.join(" ", content.kubernetesVersions()) + "\n";
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
