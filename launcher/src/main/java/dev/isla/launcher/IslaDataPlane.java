package dev.isla.launcher;

import dev.isla.arm.ResourceId;
import dev.isla.controlplane.port.DataPlane;
import dev.isla.controlplane.port.TenantPrincipals;
import dev.isla.controlplane.rp.containerservice.KubernetesVersions;
import dev.isla.dns.DnsServer;
import dev.isla.fabric.Fabric;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.route.ServiceMap;
import dev.isla.identity.acr.AcrOAuthEndpoints;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.identity.ca.LocalCa;
import dev.isla.identity.login.LoginSettings;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenVerifier;
import dev.isla.launcher.adapt.NodeAgentsPort;
import dev.isla.launcher.adapt.NodeImds;
import dev.isla.launcher.adapt.ObservedStore;
import dev.isla.launcher.adapt.PublicAddresses;
import dev.isla.launcher.adapt.RegistryAccess;
import dev.isla.launcher.adapt.RegistryStorageUsage;
import dev.isla.launcher.adapt.StoreDnsCatalog;
import dev.isla.launcher.adapt.StoreFabricCatalog;
import dev.isla.launcher.adapt.StoreRegistryCatalog;
import dev.isla.launcher.adapt.StoreRegistryPermissions;
import dev.isla.launcher.proxy.ConnectProxy;
import dev.isla.launcher.proxy.ProxiedConnections;
import dev.isla.launcher.proxy.RegistryTargets;
import dev.isla.nodes.NodeAgents;
import dev.isla.nodes.boot.BootArtifacts;
import dev.isla.nodes.net.NodeNetwork;
import dev.isla.registry.RegistryServer;
import dev.isla.registry.proxy.PullThrough;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.standin.StandInMcr;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data plane of one instance, started in dependency order, every listener on loopback and a
 * free port: signing key (identity) → MCR stand-in (content generated once into
 * {@code <data>/mcr} for every Kubernetes version the control plane supports) → registry
 * server ({@code <data>/registry}, plain HTTP and TLS ({@link RegistryTls}), ACR token
 * endpoints mounted, {@link RegistryAccess}) → DNS
 * server (a view per VNet, bound when its first node needs it) → fabric (routes to the
 * registry, the stand-in, each VNet's DNS, the node IMDS) → node agents, offered to the control
 * plane as its {@link DataPlane}; the host's way in to the registries is a {@link ConnectProxy}
 * ({@code HTTPS_PROXY} for {@code <name>.azurecr.io}, which does not resolve on the host); once the control plane is up, {@link #restoreNodes} boots
 * again the nodes that existed before. {@link #close} stops them in reverse order.
 */
final class IslaDataPlane implements AutoCloseable {

  /** The public services Isla simulates (reached through the stand-in). */
  static final String MCR = "mcr.microsoft.com";

  private final List<AutoCloseable> started = new ArrayList<>();
  private final java.nio.file.Path dataDir;
  private final String host;
  private final VnetResolvers resolvers;
  private final int mcrPort;
  private StandInMcr mcr;
  private final RegistryServer registry;
  private final DnsServer dns;
  private final Fabric fabric;
  private final DataPlane dataPlane;
  private final NodeAgentsPort nodes;
  private final ConnectProxy proxy;

  /**
   * @param armAudiences ARM's own token audiences (its HTTPS URLs): Azure AD tokens for them
   *     may be exchanged for ACR refresh tokens, as {@code az acr login} does
   */
  IslaDataPlane(IslaConfig config, ObservedStore store, String tenantId, LocalCa ca,
      List<String> regions, Set<String> armAudiences, Clock clock) {
    this.host = config.host();
    this.dataDir = config.dataDir();
    SigningKey key = SigningKey.open(config.dataDir());
    TokenIssuer issuer = new TokenIssuer(key, clock);
    AcrTokenService tokens = new AcrTokenService(key, new TokenVerifier(List.of(key), clock),
        new StoreRegistryPermissions(store), exchangeable(armAudiences), clock);
    this.mcr = StandInMcr.start(dataDir, KubernetesVersions.supported(), host, 0);
    this.mcrPort = mcr.port();
    List<String> publicHosts = List.of(MCR);
    StoreFabricCatalog network = new StoreFabricCatalog(store, publicHosts);
    ServiceMap services = new ServiceMap();
    this.fabric = new Fabric(network, services);
    StoreRegistryCatalog registries = new StoreRegistryCatalog(store);
    ProxiedConnections tunnels = new ProxiedConnections();
    RegistryAccess access = new RegistryAccess(fabric, tokens, tunnels::contains);
    AcrOAuthEndpoints oauth = new AcrOAuthEndpoints(tokens, h -> registries.findByHost(h)
        .map(r -> new AcrOAuthEndpoints.Registry(r.loginServer(), r.anonymousPullEnabled())),
        (host, peer) -> registries.findByHost(host).flatMap(r -> access.networkRefusal(r, peer)));
    this.registry = track(new RegistryServer(registries,
        new FilesystemDriver(config.dataDir().resolve("registry")),
        access,
        new RegistryServer.Settings(upstreams(config, mcr.baseUri()), host, 0,
            PullThrough.DEFAULT_TAG_FRESHNESS, Duration.ofSeconds(10), Optional.empty())
            .withSecure(0, RegistryTls.tls(ca, regions, host, clock)),
        List.of(oauth)));
    String loopback = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    this.proxy = track(new ConnectProxy(loopback, 0, new RegistryTargets(registries, () -> {
      java.util.OptionalInt port = registry.securePort();
      return port.isPresent() ? Optional.of(new InetSocketAddress(loopback, port.getAsInt()))
          : Optional.empty();
    }), ConnectProxy.Settings.defaults(), tunnels));
    this.dns = track(DnsServer.start(new StoreDnsCatalog(store, publicHosts), host, 0));
    for (int port : List.of(443, 80)) {
      services.register(PublicAddresses.of(MCR), port, new InetSocketAddress(host, mcrPort));
    }
    this.resolvers = new VnetResolvers(dns, services);
    PublicRoutes routes = new PublicRoutes(store, network, services,
        new InetSocketAddress(host, registry.port()));
    NodeAgents agents = new NodeAgents(fabric, new NodeAgents.Settings(
        NodeNetwork.Settings.plain(Duration.ofSeconds(3), Duration.ofSeconds(30)), 16,
        BootArtifacts::forVersion), clock);
    this.nodes = new NodeAgentsPort(agents, store, tenantId, clock,
        vnet -> prepare(resolvers, routes, vnet));
    NodeImds imds = track(new NodeImds(fabric, store, nodes::kubeletClientId, issuer, host));
    services.register(LogicalAddress.IMDS, 80, imds.address());
    this.dataPlane = new DataPlane(nodes, TenantPrincipals.none(),
        new RegistryStorageUsage(registry));
  }

  private static Set<String> exchangeable(Set<String> armAudiences) {
    Set<String> all = new java.util.LinkedHashSet<>(LoginSettings.AZURE_RESOURCES);
    all.addAll(armAudiences);
    return all;
  }

  private static void prepare(VnetResolvers resolvers, PublicRoutes routes, ResourceId vnet) {
    resolvers.ensure(vnet);
    routes.sync(vnet);
  }

  /**
   * Where the registry's cache rules fetch from: what {@code --upstream} says, and the MCR
   * stand-in for {@code mcr.microsoft.com} unless it was mapped elsewhere (the real MCR, on a
   * machine with internet access).
   */
  private static UpstreamMap upstreams(IslaConfig config, URI standIn) {
    Map<String, URI> bases = new HashMap<>(config.upstreams().bases());
    bases.putIfAbsent(MCR, standIn);
    return new UpstreamMap(bases);
  }

  /** Takes the MCR stand-in off the network (its port stays reserved for {@link #startMcr}). */
  synchronized void stopMcr() {
    mcr.close();
  }

  /** The requests the MCR stand-in served since it (re)started, by method and path. */
  synchronized Map<String, Long> mcrRequests() {
    return mcr.requests().counts();
  }

  /** Serves the MCR stand-in again on the port it had. */
  synchronized void startMcr() {
    mcr.close();
    mcr = StandInMcr.start(dataDir, KubernetesVersions.supported(), host, mcrPort);
  }

  /**
   * Boots the nodes the store records (they live in memory, so a restart lost them) with the
   * bootstrap each had, in the background; they are NotReady until then.
   */
  void restoreNodes() {
    nodes.restoreAll();
  }

  VnetResolvers resolvers() {
    return resolvers;
  }

  private <T extends AutoCloseable> T track(T resource) {
    started.add(resource);
    return resource;
  }

  DataPlane ports() {
    return dataPlane;
  }

  /** {@code http://127.0.0.1:PORT}: every registry, by {@code Host}. */
  String registryUrl(String host) {
    return "http://" + host + ":" + registry.port();
  }

  /** {@code https://127.0.0.1:PORT}: every registry, by {@code Host} and SNI. */
  String registryHttpsUrl(String host) {
    return "https://" + host + ":" + registry.securePort().orElseThrow();
  }

  /** The host's {@code CONNECT} proxy to the registries, for {@code HTTPS_PROXY}. */
  String proxyUrl() {
    return proxy.url();
  }

  String mcrUrl(String host) {
    return "http://" + host + ":" + mcrPort;
  }

  /** The public view of the DNS server, {@code 127.0.0.1:PORT}. */
  InetSocketAddress dnsAddress() {
    return dns.publicAddress();
  }

  Fabric fabric() {
    return fabric;
  }

  @Override
  public synchronized void close() {
    started.add(0, mcr);
    for (AutoCloseable c : started.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing the rest matters more than one listener's failure to stop.
      }
    }
  }
}
