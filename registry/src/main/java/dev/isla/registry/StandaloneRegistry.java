package dev.isla.registry;

import dev.isla.registry.auth.AccessPolicy;
import dev.isla.registry.catalog.CacheRule;
import dev.isla.registry.catalog.MemoryRegistryCatalog;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.proxy.PullThrough;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs one registry ({@code bench}, answering every host, plain HTTP on loopback) outside the
 * launcher, for {@code bench/registry.sh} and measurements by hand:
 * {@code StandaloneRegistry <data folder> <port> [mcr.microsoft.com=<url>]}. Cache rule
 * {@code mcr.microsoft.com/*} → {@code mcr/*}: with an upstream mapping, pulls under {@code mcr/}
 * go through to it. Prints {@code registry on port N} once listening; runs until killed.
 */
public final class StandaloneRegistry {

  private StandaloneRegistry() {}

  public static void main(String[] args) throws InterruptedException {
    MemoryRegistryCatalog catalog = new MemoryRegistryCatalog();
    catalog.put(RegistryInfo.of("bench"));
    catalog.putRule("bench", new CacheRule("mcr", "mcr.microsoft.com/*", "mcr/*"));
    UpstreamMap upstreams = UpstreamMap.parse(Arrays.asList(args).subList(2, args.length));
    RegistryServer server = new RegistryServer(catalog, new FilesystemDriver(Path.of(args[0])),
        AccessPolicy.ALLOW_ALL, new RegistryServer.Settings(upstreams, "127.0.0.1",
            Integer.parseInt(args[1]), PullThrough.DEFAULT_TAG_FRESHNESS,
            Duration.ofSeconds(30), Optional.of("bench.azurecr.io")));
    System.out.println("registry on port " + server.port());
    Thread.currentThread().join();
  }
}
