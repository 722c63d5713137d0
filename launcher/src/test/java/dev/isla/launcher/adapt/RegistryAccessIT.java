package dev.isla.launcher.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.arm.ResourceId;
import dev.isla.fabric.Fabric;
import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.Cluster;
import dev.isla.fabric.catalog.InMemoryFabricCatalog;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.catalog.PrivateEndpointAddress;
import dev.isla.fabric.catalog.Registry;
import dev.isla.fabric.catalog.Subnet;
import dev.isla.fabric.catalog.VirtualNetwork;
import dev.isla.fabric.route.NodePosition;
import dev.isla.fabric.route.ServiceMap;
import dev.isla.identity.acr.AcrScope;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.identity.login.LoginSettings;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenSubject;
import dev.isla.identity.token.TokenVerifier;
import dev.isla.registry.api.RegistryException;
import dev.isla.registry.auth.AccessPolicy.Decision;
import dev.isla.registry.auth.AccessRequest;
import dev.isla.registry.auth.AccessRequest.Action;
import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.launcher.proxy.ConnectProxy;
import dev.isla.launcher.proxy.ProxiedConnections;
import dev.isla.launcher.proxy.ProxyTargets;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RegistryAccess} over a real fabric and real tokens: connections are opened by a node
 * through the fabric (public path or the registry's private endpoint) or from the host, and the
 * policy decides from the peer the registry sees, as the registry listener asks it.
 */
class RegistryAccessIT {

  private static final String SUB = "00000000-0000-0000-0000-000000000001";
  private static final ResourceId VNET = ResourceId.of(SUB, "rg", "Microsoft.Network", "virtualNetworks", "vnet");
  private static final ResourceId AKS = VNET.child("subnets", "aks");
  private static final ResourceId ACR_SUBNET = VNET.child("subnets", "acr");
  private static final ResourceId CLUSTER = ResourceId.of(SUB, "rg", "Microsoft.ContainerService", "managedClusters", "aks");
  private static final ResourceId OPEN = ResourceId.of(SUB, "rg", "Microsoft.ContainerRegistry", "registries", "openacr");
  private static final ResourceId CLOSED = ResourceId.of(SUB, "rg", "Microsoft.ContainerRegistry", "registries", "closedacr");
  private static final LogicalAddress OPEN_PUBLIC = LogicalAddress.parse("20.50.0.10");
  private static final LogicalAddress CLOSED_PUBLIC = LogicalAddress.parse("20.50.0.11");
  private static final LogicalAddress CLOSED_PE = LogicalAddress.parse("192.168.2.4");
  private static final String KUBELET = "11111111-1111-1111-1111-111111111111";
  private static final String TENANT = "22222222-2222-2222-2222-222222222222";

  private final ServerSocket listener = listen();
  private final Fabric fabric;
  private final AcrTokenService tokens;
  private final TokenIssuer issuer;
  /** login server → object id → granted ACR actions (what role assignments would give). */
  private final Map<String, Map<String, Set<String>>> roles = Map.of(
      "openacr.azurecr.io", Map.of(KUBELET, Set.of("read")),
      "closedacr.azurecr.io", Map.of(KUBELET, Set.of("read")),
      "otheracr.azurecr.io", Map.of("33333333-3333-3333-3333-333333333333", Set.of("read")));

  RegistryAccessIT() {
    InMemoryFabricCatalog catalog = new InMemoryFabricCatalog()
        .put(new VirtualNetwork(VNET, List.of(AddressPrefix.parse("192.168.0.0/16"))))
        .put(new Subnet(AKS, AddressPrefix.parse("192.168.1.0/24"), true, false, false))
        .put(new Subnet(ACR_SUBNET, AddressPrefix.parse("192.168.2.0/24"), true, false, false))
        .put(new Cluster(CLUSTER, OutboundType.LOAD_BALANCER))
        .put(new PrivateEndpointAddress(ResourceId.of(SUB, "rg", "Microsoft.Network", "privateEndpoints", "pe"),
            ACR_SUBNET, CLOSED_PE, CLOSED, "registry", true))
        .put(new Registry(OPEN, "openacr.azurecr.io", List.of(), OPEN_PUBLIC, true))
        .put(new Registry(CLOSED, "closedacr.azurecr.io", List.of(), CLOSED_PUBLIC, false));
    ServiceMap services = new ServiceMap();
    InetSocketAddress real = new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    for (LogicalAddress a : List.of(OPEN_PUBLIC, CLOSED_PUBLIC)) {
      services.register(a, 443, real);
    }
    services.register(VNET, CLOSED_PE, 443, real);
    this.fabric = new Fabric(catalog, services);
    fabric.attach(NodePosition.of(CLUSTER + "/nodes/aks-nodepool1-12345678-vmss000000", CLUSTER, AKS,
        LogicalAddress.parse("192.168.1.4")));
    SigningKey key = SigningKey.generate();
    Clock clock = Clock.systemUTC();
    this.issuer = new TokenIssuer(key, clock);
    this.tokens = new AcrTokenService(key, new TokenVerifier(List.of(key), clock),
        (service, principal) -> roles.getOrDefault(service, Map.of())
            .getOrDefault(principal.objectId(), Set.of()),
        Set.copyOf(LoginSettings.AZURE_RESOURCES), clock);
  }

  @AfterEach
  void close() throws Exception {
    listener.close();
  }

  @Test
  void anonymousPullLetsNodesPullAndListButNotPush() throws Exception {
    RegistryAccess access = new RegistryAccess(fabric, tokens);
    InetSocketAddress node = fromNode(OPEN_PUBLIC);
    assertThat(access.decide(request(open(true), Action.PULL, Optional.empty(), node))).isEqualTo(Decision.ALLOW);
    assertThat(access.decide(request(open(true), Action.CATALOG, Optional.empty(), node))).isEqualTo(Decision.ALLOW);
    assertThat(access.decide(request(open(true), Action.PUSH, Optional.empty(), node))).isEqualTo(Decision.UNAUTHENTICATED);
    assertThat(access.decide(request(open(false), Action.PULL, Optional.empty(), node)))
        .as("anonymous pull off").isEqualTo(Decision.UNAUTHENTICATED);
  }

  @Test
  void tokenNeedsAcrPullOnThisRegistry() throws Exception {
    RegistryAccess access = new RegistryAccess(fabric, tokens);
    InetSocketAddress node = fromNode(OPEN_PUBLIC);
    assertThat(access.decide(request(open(false), Action.PULL, bearer(KUBELET, "openacr.azurecr.io"), node)))
        .isEqualTo(Decision.ALLOW);
    assertThat(access.decide(request(open(false), Action.PUSH, bearer(KUBELET, "openacr.azurecr.io"), node)))
        .as("AcrPull does not push").isEqualTo(Decision.UNAUTHENTICATED);
    String noRole = "44444444-4444-4444-4444-444444444444";
    assertThat(access.decide(request(open(false), Action.PULL, bearer(noRole, "openacr.azurecr.io"), node)))
        .as("no role").isEqualTo(Decision.UNAUTHENTICATED);
    assertThat(access.decide(request(open(false), Action.PULL,
        bearer("33333333-3333-3333-3333-333333333333", "otheracr.azurecr.io"), node)))
        .as("a token of another registry, where the role is").isEqualTo(Decision.UNAUTHENTICATED);
    assertThat(access.decide(request(open(false), Action.PULL, Optional.of("Bearer not-a-token"), node)))
        .isEqualTo(Decision.UNAUTHENTICATED);
  }

  @Test
  void publicNetworkAccessDisabledAdmitsNodesOnlyThroughThePrivateEndpoint() throws Exception {
    RegistryAccess access = new RegistryAccess(fabric, tokens);
    RegistryInfo closed = new RegistryInfo("closedacr", "closedacr.azurecr.io", List.of(), true, false);
    assertThat(access.decide(request(closed, Action.PULL, Optional.empty(), fromNode(CLOSED_PE))))
        .isEqualTo(Decision.ALLOW);
    InetSocketAddress publicPath = fromNode(CLOSED_PUBLIC);
    assertThatThrownBy(() -> access.decide(request(closed, Action.PULL, Optional.empty(), publicPath)))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("publicNetworkAccess of closedacr.azurecr.io is Disabled")
        .hasMessageContaining("the public internet")
        .hasMessageContaining("aks-nodepool1-12345678-vmss000000");
    assertThat(access.decide(request(closed, Action.PUSH, Optional.empty(), fromHost())))
        .as("the host is the subscription's owner (docs/DEVIATIONS.md)").isEqualTo(Decision.ALLOW);
  }

  @Test
  void hostToolsThroughTheProxyAreClientsOnThePublicInternet() throws Exception {
    ProxiedConnections tunnels = new ProxiedConnections();
    InetSocketAddress target = new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    try (ConnectProxy proxy = new ConnectProxy("127.0.0.1", 0, (host, port) ->
            new ProxyTargets.Decision.Tunnel(target), ConnectProxy.Settings.defaults(), tunnels);
        Socket client = new Socket()) {
      client.connect(proxy.address(), 2000);
      client.getOutputStream().write("CONNECT openacr.azurecr.io:443 HTTP/1.1\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      Socket server = listener.accept();
      InetSocketAddress peer = (InetSocketAddress) server.getRemoteSocketAddress();
      RegistryAccess access = new RegistryAccess(fabric, tokens, tunnels::contains);
      RegistryInfo closed = new RegistryInfo("closedacr", "closedacr.azurecr.io", List.of(), true, false);

      assertThat(tunnels.contains(peer)).isTrue();
      assertThat(access.decide(request(open(false), Action.PULL, Optional.empty(), peer)))
          .as("no token").isEqualTo(Decision.UNAUTHENTICATED);
      assertThat(access.decide(request(open(false), Action.PULL, Optional.of("Bearer wrong"), peer)))
          .as("a wrong token").isEqualTo(Decision.UNAUTHENTICATED);
      assertThat(access.decide(request(open(false), Action.PULL, bearer(KUBELET, "openacr.azurecr.io"), peer)))
          .isEqualTo(Decision.ALLOW);
      assertThatThrownBy(() -> access.decide(request(closed, Action.PULL, Optional.empty(), peer)))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("the host, through Isla's proxy")
          .hasMessageContaining("publicNetworkAccess of closedacr.azurecr.io is Disabled");
      assertThat(access.decide(request(closed, Action.PUSH, Optional.empty(), fromHost())))
          .as("straight to the listener, the host is the operator").isEqualTo(Decision.ALLOW);
      client.close();
      server.close();
      for (int i = 0; i < 100 && tunnels.contains(peer); i++) {
        Thread.sleep(20);
      }
      assertThat(tunnels.contains(peer)).as("forgotten once the tunnel closes").isFalse();
    }
  }

  private static RegistryInfo open(boolean anonymousPull) {
    return new RegistryInfo("openacr", "openacr.azurecr.io", List.of(), anonymousPull, true);
  }

  private static AccessRequest request(RegistryInfo registry, Action action,
      Optional<String> authorization, InetSocketAddress peer) {
    Optional<String> repository = action == Action.CATALOG || action == Action.PING
        ? Optional.empty() : Optional.of("app");
    return new AccessRequest(registry, repository, action, authorization, peer);
  }

  /** A Bearer access token for {@code repository:app:pull,push} as ACR's token flow issues it. */
  private Optional<String> bearer(String objectId, String service) {
    String aad = issuer.issue(new TokenSubject(objectId, TENANT, objectId, Optional.empty()),
        LoginSettings.AZURE_RESOURCES.getFirst(), Duration.ofHours(1), "2").accessToken();
    String refresh = tokens.exchange(aad, service, Optional.empty());
    return Optional.of("Bearer " + tokens.token(refresh, service,
        List.of(AcrScope.parse("repository:app:pull,push"))).token());
  }

  /** Opens a connection from the node through the fabric; returns the peer the server sees. */
  private InetSocketAddress fromNode(LogicalAddress destination) throws Exception {
    Socket client = fabric.connect(CLUSTER + "/nodes/aks-nodepool1-12345678-vmss000000",
        destination, 443, Duration.ofSeconds(2));
    Socket server = listener.accept();
    InetSocketAddress peer = (InetSocketAddress) server.getRemoteSocketAddress();
    assertThat(peer.getAddress()).isEqualTo(client.getLocalAddress());
    return peer;
  }

  private InetSocketAddress fromHost() throws Exception {
    Socket client = new Socket("127.0.0.1", listener.getLocalPort());
    Socket server = listener.accept();
    assertThat(client.isConnected()).isTrue();
    return (InetSocketAddress) server.getRemoteSocketAddress();
  }

  private static ServerSocket listen() {
    try {
      return new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
