package dev.isla.nodes;

import dev.isla.arm.ResourceId;
import dev.isla.dns.DnsServer;
import dev.isla.dns.catalog.InMemoryDnsCatalog;
import dev.isla.dns.catalog.PrivateZone;
import dev.isla.dns.catalog.PublicHost;
import dev.isla.dns.catalog.RecordData;
import dev.isla.dns.catalog.RecordSet;
import dev.isla.dns.catalog.ResolutionPolicy;
import dev.isla.dns.catalog.ZoneLink;
import dev.isla.fabric.Fabric;
import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.Cluster;
import dev.isla.fabric.catalog.InMemoryFabricCatalog;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.catalog.PrivateEndpointAddress;
import dev.isla.fabric.catalog.PublicService;
import dev.isla.fabric.catalog.Registry;
import dev.isla.fabric.catalog.Subnet;
import dev.isla.fabric.catalog.VirtualNetwork;
import dev.isla.fabric.route.ServiceMap;
import dev.isla.identity.acr.AcrOAuthEndpoints;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.identity.login.LoginService;
import dev.isla.identity.login.LoginSettings;
import dev.isla.identity.login.ManagedIdentityEndpoints;
import dev.isla.identity.principal.InMemoryPrincipalDirectory;
import dev.isla.identity.principal.ManagedIdentity;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenVerifier;
import dev.isla.nodes.boot.BootArtifacts;
import dev.isla.nodes.net.NodeNetwork;
import io.helidon.webserver.WebServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * The seed's network-isolated world, every piece real and on loopback: the fabric (BYO VNet
 * 192.168.0.0/16, AKS subnet without default outbound access, the registry's private endpoint
 * at 192.168.2.4/.5, outbound type {@code none}), the DNS server (privatelink zone linked to the
 * VNet), the identity module's IMDS and ACR token endpoints, a scripted ACR with a cache rule
 * for MCR under {@code aks-managed-repository}, and a scripted MCR.
 */
final class NodeWorld implements AutoCloseable {

  static final String SUB = "00000000-0000-0000-0000-000000000001";
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final ResourceId VNET = ResourceId.of(SUB, "rg", "Microsoft.Network", "virtualNetworks", "vnet");
  static final ResourceId AKS_SUBNET = VNET.child("subnets", "aks");
  static final ResourceId ACR_SUBNET = VNET.child("subnets", "acr");
  static final ResourceId CLUSTER = ResourceId.of(SUB, "rg", "Microsoft.ContainerService", "managedClusters", "aks");
  static final ResourceId REGISTRY = ResourceId.of(SUB, "rg", "Microsoft.ContainerRegistry", "registries", "myacr");
  static final ResourceId ENDPOINT = ResourceId.of(SUB, "rg", "Microsoft.Network", "privateEndpoints", "pe");
  static final String ACR = "myacr.azurecr.io";
  static final String ACR_DATA = "myacr.eastus.data.azurecr.io";
  static final LogicalAddress PE_REGISTRY = LogicalAddress.parse("192.168.2.4");
  static final LogicalAddress PE_DATA = LogicalAddress.parse("192.168.2.5");
  static final LogicalAddress ACR_PUBLIC = LogicalAddress.parse("20.50.0.10");
  static final LogicalAddress MCR_PUBLIC = LogicalAddress.parse("20.62.0.5");
  static final ManagedIdentity KUBELET = new ManagedIdentity("c0ffee00-0000-4000-8000-000000000001",
      "b0b0b0b0-0000-4000-8000-000000000001", TENANT, Optional.empty());
  static final String VERSION = "1.30.3";
  static final BootArtifacts ARTIFACTS = BootArtifacts.forVersion(VERSION);

  final InMemoryFabricCatalog network = new InMemoryFabricCatalog();
  final ServiceMap services = new ServiceMap();
  final Fabric fabric = new Fabric(network, services);
  final InMemoryDnsCatalog names = new InMemoryDnsCatalog();
  final DnsServer dns = DnsServer.start(names, "127.0.0.1", 0);
  final AtomicBoolean kubeletCanPull = new AtomicBoolean(true);
  final ScriptedRegistry acr;
  final ScriptedRegistry mcr = ScriptedRegistry.mcr(ARTIFACTS);
  private final List<WebServer> servers;
  final int mcrPort;

  NodeWorld() {
    SigningKey key = SigningKey.generate();
    Clock clock = Clock.systemUTC();
    AcrTokenService tokens = new AcrTokenService(key, new TokenVerifier(key, clock),
        (service, principal) -> kubeletCanPull.get() ? Set.of("read") : Set.of(),
        Set.of("https://containerregistry.azure.net"), clock);
    acr = ScriptedRegistry.acr(tokens, ACR, "aks-managed-repository", ACR_DATA, ARTIFACTS);
    LoginService login = new LoginService(new InMemoryPrincipalDirectory().add(KUBELET),
        new TokenIssuer(key, clock), LoginSettings.of(List.of(), Optional.empty()));
    AcrOAuthEndpoints oauth = new AcrOAuthEndpoints(tokens, host -> host.equals(ACR)
        ? Optional.of(new AcrOAuthEndpoints.Registry(ACR, acr.anonymousPull.get()))
        : Optional.empty());
    WebServer acrServer = start(r -> r.any(acr::record).register(oauth).any(acr::handle));
    WebServer mcrServer = start(r -> r.any(mcr::record).any(mcr::handle));
    WebServer imds = start(r -> r.register(new ManagedIdentityEndpoints(login,
        LoginSettings.of(List.of(), Optional.empty()))));
    servers = List.of(acrServer, mcrServer, imds);
    mcrPort = mcrServer.port();
    topology();
    for (LogicalAddress a : List.of(PE_REGISTRY, PE_DATA, ACR_PUBLIC)) {
      services.register(a, 443, listener(acrServer));
    }
    services.register(MCR_PUBLIC, 443, listener(mcrServer));
    services.register(LogicalAddress.IMDS, 80, listener(imds));
    InetAddress vnetDns = dns.bindVnet(VNET.toString());
    services.register(VNET, LogicalAddress.AZURE_DNS, 53, new InetSocketAddress(vnetDns, dns.port()));
  }

  private void topology() {
    network.put(new VirtualNetwork(VNET, List.of(AddressPrefix.parse("192.168.0.0/16"))))
        .put(new Subnet(AKS_SUBNET, AddressPrefix.parse("192.168.1.0/24"), false, false, false))
        .put(new Subnet(ACR_SUBNET, AddressPrefix.parse("192.168.2.0/24"), true, false, false))
        .put(new Cluster(CLUSTER, OutboundType.NONE))
        .put(new PrivateEndpointAddress(ENDPOINT, ACR_SUBNET, PE_REGISTRY, REGISTRY, "registry", true))
        .put(new PrivateEndpointAddress(ENDPOINT, ACR_SUBNET, PE_DATA, REGISTRY, "registry_data_eastus", true))
        .put(new Registry(REGISTRY, ACR, List.of(ACR_DATA), ACR_PUBLIC, false))
        .put(new PublicService("mcr.microsoft.com", MCR_PUBLIC));
    names.put(privateZone(true))
        .put(PublicHost.registryEndpoint(ACR, ACR_PUBLIC.toString(), true))
        .put(PublicHost.registryEndpoint(ACR_DATA, ACR_PUBLIC.toString(), true))
        .put(PublicHost.of("mcr.microsoft.com", MCR_PUBLIC.toString()));
  }

  /** The seed's {@code privatelink.azurecr.io} zone, with or without the login server's record. */
  static PrivateZone privateZone(boolean loginServerRecord) {
    List<RecordSet> sets = loginServerRecord
        ? List.of(RecordSet.of("myacr", 10, RecordData.a(PE_REGISTRY.toString())),
            RecordSet.of("myacr.eastus.data", 10, RecordData.a(PE_DATA.toString())))
        : List.of(RecordSet.of("myacr.eastus.data", 10, RecordData.a(PE_DATA.toString())));
    return new PrivateZone("privatelink.azurecr.io", sets,
        List.of(new ZoneLink(VNET.toString(), ResolutionPolicy.Default)));
  }

  void outbound(OutboundType type) {
    network.put(new Cluster(CLUSTER, type));
  }

  NodeAgents agents() {
    return new NodeAgents(fabric, new NodeAgents.Settings(
        NodeNetwork.Settings.plain(Duration.ofMillis(400), Duration.ofSeconds(5)), 8,
        v -> BootArtifacts.forVersion(v)), Clock.systemUTC());
  }

  static Bootstrap cache(String server) {
    return new Bootstrap("Cache", Optional.of(server), KUBELET.clientId(), TENANT, "none", VERSION);
  }

  static Bootstrap direct(String outboundType) {
    return new Bootstrap("Direct", Optional.empty(), KUBELET.clientId(), TENANT, outboundType,
        VERSION);
  }

  static PoolSpec pool(int count, Bootstrap bootstrap) {
    return new PoolSpec(CLUSTER, "nodepool1", "aks-nodepool1-12345678-vmss", AKS_SUBNET,
        IntStream.range(0, count).mapToObj(i -> LogicalAddress.parse("192.168.1." + (4 + i)))
            .toList(), bootstrap);
  }

  private static WebServer start(java.util.function.Consumer<io.helidon.webserver.http.HttpRouting.Builder> routes) {
    return WebServer.builder().host("127.0.0.1").port(0).routing(routes::accept).build().start();
  }

  private static InetSocketAddress listener(WebServer server) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
  }

  /** Stops the MCR stand-in: the upstream is down. */
  void stopMcr() {
    servers.get(1).stop();
  }

  @Override
  public void close() {
    servers.forEach(WebServer::stop);
    dns.close();
  }
}
