package dev.isla.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ControlPlane;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.ArmSettings;
import dev.isla.controlplane.port.DataPlane;
import dev.isla.controlplane.rp.authorization.BuiltInRoles;
import dev.isla.controlplane.rp.authorization.RoleDefinition;
import dev.isla.controlplane.store.MemoryResourceStore;
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
import dev.isla.identity.acr.AcrOAuthEndpoints;
import dev.isla.identity.acr.AcrTokenService;
import dev.isla.identity.login.LoginSettings;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenVerifier;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.launcher.adapt.NodeImds;
import dev.isla.launcher.adapt.ObservedStore;
import dev.isla.launcher.adapt.PublicAddresses;
import dev.isla.launcher.adapt.RegistryAccess;
import dev.isla.launcher.adapt.StoreRegistryCatalog;
import dev.isla.launcher.adapt.StoreRegistryPermissions;
import dev.isla.registry.RegistryServer;
import dev.isla.registry.proxy.PullThrough;
import dev.isla.registry.proxy.UpstreamMap;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The parts that decide access, wired as {@link IslaServer} and {@link IslaDataPlane} wire them:
 * ARM with its TLS edge ({@link ArmEdge}: login, token check, RBAC) over an in-memory store; the
 * registry with the ACR token endpoints and {@link RegistryAccess}; a fabric with one VNet, one
 * node and a private endpoint. Registries, identities and role assignments are made through ARM.
 * Each identity is the kubelet identity of its own node, whose IMDS hands out its tokens. A
 * node's requests reach the registry through the fabric (so the registry sees where they came
 * from); the operator's come from the host.
 */
final class AccessWorld implements AutoCloseable {

  static final String RG = "access";
  static final String NODE = "/subscriptions/%s/resourceGroups/" + RG
      + "/providers/Microsoft.ContainerService/managedClusters/aks/nodes/aks-nodepool1-1-vmss000000";
  private static final LogicalAddress PE_ADDRESS = LogicalAddress.parse("10.1.2.4");
  /** otheracr's private endpoint. */
  static final LogicalAddress OTHER_PE_ADDRESS = LogicalAddress.parse("10.1.2.5");

  final ArmSettings settings = ArmSettings.defaults().withOperationDelay(Duration.ofMillis(1));
  final ObservedStore store = new ObservedStore(new MemoryResourceStore());
  final Clock clock = Clock.systemUTC();
  final Path data;
  final SigningKey key;
  final AcrTokenService tokens;
  final ArmEdge edge;
  final BuiltInPrincipal builtIn;
  final ControlPlane controlPlane;
  final RegistryServer registry;
  final Fabric fabric;
  final String node;
  final NodeImds imds;
  /** identity name → {objectId, clientId}. */
  final Map<String, String[]> identities = new HashMap<>();

  AccessWorld(Path data) {
    this.data = data;
    IslaConfig config = new IslaConfig(data, "127.0.0.1", 0, Duration.ofMillis(1), Duration.ofMillis(1));
    this.builtIn = BuiltInPrincipal.open(data, settings.tenantId(), settings.subscriptionId());
    this.edge = ArmEdge.create(config, store, builtIn, clock);
    this.key = SigningKey.open(data);
    this.tokens = new AcrTokenService(key, new TokenVerifier(List.of(key), clock),
        new StoreRegistryPermissions(store), Set.copyOf(LoginSettings.AZURE_RESOURCES), clock);
    String oid = builtIn.principal().objectId();
    this.controlPlane = new ControlPlane(store, settings, clock, "127.0.0.1", 0,
        new DataPlane(DataPlane.inProcess().nodes(),
            id -> id.equalsIgnoreCase(oid) ? Optional.of("ServicePrincipal") : Optional.empty()),
        edge.edge());
    builtIn.grantOwner(controlPlane.arm(), settings.subscriptionId());
    ServiceMap services = new ServiceMap();
    this.node = NODE.formatted(settings.subscriptionId());
    this.fabric = new Fabric(network(), services);
    StoreRegistryCatalog registries = new StoreRegistryCatalog(store);
    RegistryAccess access = new RegistryAccess(fabric, tokens);
    AcrOAuthEndpoints oauth = new AcrOAuthEndpoints(tokens, h -> registries.findByHost(h)
        .map(r -> new AcrOAuthEndpoints.Registry(r.loginServer(), r.anonymousPullEnabled())),
        (host, peer) -> registries.findByHost(host).flatMap(r -> access.networkRefusal(r, peer)));
    this.registry = new RegistryServer(registries, new FilesystemDriver(data.resolve("registry")),
        access, new RegistryServer.Settings(new UpstreamMap(Map.of()),
            "127.0.0.1", 0, PullThrough.DEFAULT_TAG_FRESHNESS, Duration.ofSeconds(5), Optional.empty()),
        List.of(oauth));
    InetSocketAddress real = new InetSocketAddress("127.0.0.1", registry.port());
    for (String name : List.of("matrixacr", "otheracr", "anonacr", "closedacr")) {
      services.register(publicAddress(name), 443, real);
    }
    services.register(vnet(), PE_ADDRESS, 443, real);
    services.register(vnet(), OTHER_PE_ADDRESS, 443, real);
    fabric.attach(NodePosition.of(node, cluster(), vnet().child("subnets", "aks"),
        LogicalAddress.parse("10.1.1.4")));
    this.imds = new NodeImds(fabric, store, n -> Optional.ofNullable(kubelets.get(n)),
        new TokenIssuer(key, clock), "127.0.0.1");
    services.register(LogicalAddress.IMDS, 80, imds.address());
  }

  /** node id → the client id of its kubelet identity (IMDS gives a node only that one). */
  private final Map<String, String> kubelets = new java.util.concurrent.ConcurrentHashMap<>();

  private InMemoryFabricCatalog network() {
    ResourceId vnet = vnet();
    InMemoryFabricCatalog catalog = new InMemoryFabricCatalog()
        .put(new VirtualNetwork(vnet, List.of(AddressPrefix.parse("10.1.0.0/16"))))
        .put(new Subnet(vnet.child("subnets", "aks"), AddressPrefix.parse("10.1.1.0/24"), true, false, false))
        .put(new Subnet(vnet.child("subnets", "pe"), AddressPrefix.parse("10.1.2.0/24"), true, false, false))
        .put(new Cluster(cluster(), OutboundType.LOAD_BALANCER))
        .put(new PrivateEndpointAddress(id("Microsoft.Network", "privateEndpoints", "closedacr-pe"),
            vnet.child("subnets", "pe"), PE_ADDRESS, registryId("closedacr"), "registry", true))
        .put(new PrivateEndpointAddress(id("Microsoft.Network", "privateEndpoints", "otheracr-pe"),
            vnet.child("subnets", "pe"), OTHER_PE_ADDRESS, registryId("otheracr"), "registry", true));
    for (String name : List.of("matrixacr", "otheracr", "anonacr", "closedacr")) {
      catalog.put(new Registry(registryId(name), name + ".azurecr.io", List.of(), publicAddress(name),
          !name.equals("closedacr")));
    }
    return catalog;
  }

  /** The registries, identities and role assignments of the matrix, made through ARM. */
  void populate() {
    Arm arm = controlPlane.arm();
    arm.writeAndWait(Arm.Write.put(ResourceId.resourceGroup(settings.subscriptionId(), RG),
        (ObjectNode) Json.parse("{\"location\":\"eastus\"}")));
    putRegistry("matrixacr", "");
    putRegistry("otheracr", "");
    putRegistry("anonacr", ",\"anonymousPullEnabled\":true");
    putRegistry("closedacr", ",\"publicNetworkAccess\":\"Disabled\"");
    for (String name : List.of("pull", "rgpull", "push", "reader", "contributor", "owner", "norole",
        "elsewhere", "grantee", "delete")) {
      ObjectNode body = arm.writeAndWait(Arm.Write.put(id("Microsoft.ManagedIdentity",
          "userAssignedIdentities", name), (ObjectNode) Json.parse("{\"location\":\"eastus\"}"))).orElseThrow();
      identities.put(name, new String[] {body.path("properties").path("principalId").asText(),
          body.path("properties").path("clientId").asText()});
      String nodeOf = nodeOf(name);
      kubelets.put(nodeOf, body.path("properties").path("clientId").asText());
      fabric.attach(NodePosition.of(nodeOf, cluster(), vnet().child("subnets", "aks"),
          LogicalAddress.parse("10.1.1." + (10 + identities.size()))));
    }
    assign("pull", BuiltInRoles.ACR_PULL, "matrixacr");
    assignAt("rgpull", BuiltInRoles.ACR_PULL, ResourceId.resourceGroup(settings.subscriptionId(), RG));
    assign("push", BuiltInRoles.ACR_PUSH, "matrixacr");
    assign("reader", BuiltInRoles.READER, "matrixacr");
    assign("delete", BuiltInRoles.ACR_DELETE, "matrixacr");
    assign("contributor", BuiltInRoles.CONTRIBUTOR, "matrixacr");
    assign("elsewhere", BuiltInRoles.ACR_PUSH, "otheracr");
    for (String registryName : List.of("matrixacr", "otheracr", "anonacr", "closedacr")) {
      assign("owner", BuiltInRoles.OWNER, registryName);
    }
  }

  private void putRegistry(String name, String extra) {
    controlPlane.arm().writeAndWait(Arm.Write.put(registryId(name), (ObjectNode) Json.parse(
        "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"},\"properties\":{\"adminUserEnabled\":false"
            + extra + "}}")));
  }

  private void assign(String identity, RoleDefinition role, String registryName) {
    assignAt(identity, role, registryId(registryName));
  }

  private void assignAt(String identity, RoleDefinition role, ResourceId scope) {
    controlPlane.arm().writeAndWait(Arm.Write.put(scope.extension("Microsoft.Authorization",
        "roleAssignments", UUID.randomUUID().toString()), assignment(identity, role)));
  }

  /** A role assignment's body for {@code identity}. */
  ObjectNode assignment(String identity, RoleDefinition role) {
    ObjectNode body = Json.object();
    body.putObject("properties").put("roleDefinitionId", role.idIn(settings.subscriptionId()))
        .put("principalId", identities.get(identity)[0]).put("principalType", "ServicePrincipal");
    return body;
  }

  ResourceId registryId(String name) {
    return id("Microsoft.ContainerRegistry", "registries", name);
  }

  private ResourceId id(String namespace, String type, String name) {
    return ResourceId.of(settings.subscriptionId(), RG, namespace, type, name);
  }

  private ResourceId vnet() {
    return id("Microsoft.Network", "virtualNetworks", "vnet");
  }

  private ResourceId cluster() {
    return id("Microsoft.ContainerService", "managedClusters", "aks");
  }

  static LogicalAddress publicAddress(String registryName) {
    return PublicAddresses.of(registryName + ".azurecr.io");
  }

  /** The node whose kubelet identity is {@code identity}. */
  String nodeOf(String identity) {
    return node.replace("aks-nodepool1-1-vmss000000", "aks-" + identity + "-1-vmss000000");
  }

  /** A connection from the node to the registry, over the public path or its private endpoint. */
  Socket fromNode(String registryName, boolean privateEndpoint) throws Exception {
    return fromNode(node, registryName, privateEndpoint);
  }

  /** A connection from {@code nodeId} to the registry, over the public path or its private endpoint. */
  Socket fromNode(String nodeId, String registryName, boolean privateEndpoint) throws Exception {
    return fabric.connect(nodeId, privateEndpoint ? PE_ADDRESS : publicAddress(registryName), 443,
        Duration.ofSeconds(2));
  }

  /** A connection from {@code nodeId} to {@code address}:443 in the VNet. */
  Socket fromNodeTo(String nodeId, LogicalAddress address) throws Exception {
    return fabric.connect(nodeId, address, 443, Duration.ofSeconds(2));
  }

  /** A connection from {@code nodeId} to its IMDS (169.254.169.254:80). */
  Socket toImds(String nodeId) throws Exception {
    return fabric.connect(nodeId, LogicalAddress.IMDS, 80, Duration.ofSeconds(2));
  }

  /** A connection from the host: the operator (docs/DEVIATIONS.md). */
  Socket fromHost() throws Exception {
    return new Socket("127.0.0.1", registry.port());
  }

  String httpsBase() {
    return "https://127.0.0.1:" + controlPlane.securePort().orElseThrow();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    imds.close();
    registry.close();
    controlPlane.close();
  }
}
