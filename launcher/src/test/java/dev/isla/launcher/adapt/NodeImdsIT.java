package dev.isla.launcher.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.store.MemoryResourceStore;
import dev.isla.fabric.Fabric;
import dev.isla.fabric.address.AddressPrefix;
import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.catalog.Cluster;
import dev.isla.fabric.catalog.InMemoryFabricCatalog;
import dev.isla.fabric.catalog.OutboundType;
import dev.isla.fabric.catalog.Subnet;
import dev.isla.fabric.catalog.VirtualNetwork;
import dev.isla.fabric.route.NodePosition;
import dev.isla.fabric.route.ServiceMap;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeImds} over a real fabric: each node reaches 169.254.169.254 through the fabric and
 * gets a token only for the kubelet identity it booted with; asking for another identity's
 * client id, or asking from the host, gets none.
 */
class NodeImdsIT {

  private static final String SUB = "00000000-0000-0000-0000-000000000001";
  private static final ResourceId VNET = ResourceId.of(SUB, "rg", "Microsoft.Network", "virtualNetworks", "vnet");
  private static final ResourceId SUBNET = VNET.child("subnets", "aks");
  private static final ResourceId CLUSTER = ResourceId.of(SUB, "rg", "Microsoft.ContainerService", "managedClusters", "aks");
  private static final String NODE_A = CLUSTER + "/nodes/aks-nodepool1-12345678-vmss000000";
  private static final String NODE_B = CLUSTER + "/nodes/aks-nodepool1-12345678-vmss000001";
  private static final String CLIENT_A = "aaaaaaaa-0000-0000-0000-000000000001";
  private static final String CLIENT_B = "bbbbbbbb-0000-0000-0000-000000000002";
  private static final String PATH = "/metadata/identity/oauth2/token?api-version=2018-02-01"
      + "&resource=https://containerregistry.azure.net";

  private final MemoryResourceStore store = new MemoryResourceStore();
  private final Fabric fabric;
  private final NodeImds imds;

  NodeImdsIT() {
    identity("kubelet-a", CLIENT_A, "aaaaaaaa-1111-1111-1111-111111111111");
    identity("kubelet-b", CLIENT_B, "bbbbbbbb-1111-1111-1111-111111111111");
    ServiceMap services = new ServiceMap();
    this.fabric = new Fabric(new InMemoryFabricCatalog()
        .put(new VirtualNetwork(VNET, List.of(AddressPrefix.parse("10.224.0.0/12"))))
        .put(new Subnet(SUBNET, AddressPrefix.parse("10.224.0.0/16"), false, false, false))
        .put(new Cluster(CLUSTER, OutboundType.NONE)), services);
    fabric.attach(NodePosition.of(NODE_A, CLUSTER, SUBNET, LogicalAddress.parse("10.224.0.4")));
    fabric.attach(NodePosition.of(NODE_B, CLUSTER, SUBNET, LogicalAddress.parse("10.224.0.5")));
    Map<String, String> kubelets = Map.of(NODE_A, CLIENT_A, NODE_B, CLIENT_B);
    this.imds = new NodeImds(fabric, store, node -> Optional.ofNullable(kubelets.get(node)),
        new TokenIssuer(SigningKey.generate(), Clock.systemUTC()), "127.0.0.1");
    services.register(LogicalAddress.IMDS, 80, imds.address());
  }

  @AfterEach
  void close() {
    imds.close();
  }

  @Test
  void eachNodeGetsOnlyItsOwnKubeletIdentity() throws Exception {
    assertThat(oid(get(fromNode(NODE_A), PATH + "&client_id=" + CLIENT_A)))
        .isEqualTo("aaaaaaaa-1111-1111-1111-111111111111");
    assertThat(oid(get(fromNode(NODE_A), PATH))).as("no client id: the node's only identity")
        .isEqualTo("aaaaaaaa-1111-1111-1111-111111111111");
    assertThat(oid(get(fromNode(NODE_B), PATH + "&client_id=" + CLIENT_B)))
        .isEqualTo("bbbbbbbb-1111-1111-1111-111111111111");
    String refused = get(fromNode(NODE_A), PATH + "&client_id=" + CLIENT_B);
    assertThat(refused).as(refused).startsWith("HTTP/1.1 400").doesNotContain("access_token");
  }

  @Test
  void theHostGetsNoIdentity() throws Exception {
    String answer = get(new Socket("127.0.0.1", imds.address().getPort()), PATH + "&client_id=" + CLIENT_A);
    assertThat(answer).as(answer).startsWith("HTTP/1.1 400").doesNotContain("access_token");
  }

  private Socket fromNode(String node) throws java.io.IOException {
    return fabric.connect(node, LogicalAddress.IMDS, 80, Duration.ofSeconds(2));
  }

  /** One request with IMDS's required header; the raw response. */
  private static String get(Socket socket, String path) throws Exception {
    try (socket) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 169.254.169.254\r\nMetadata: true\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      int length = head.toString().toLowerCase(java.util.Locale.ROOT).lines()
          .filter(l -> l.startsWith("content-length:"))
          .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
      return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
  }

  private static String oid(String response) {
    assertThat(response).as(response).startsWith("HTTP/1.1 200");
    JsonNode body = Json.parse(response.substring(response.indexOf("\r\n\r\n") + 4));
    String payload = body.path("access_token").asText().split("\\.")[1];
    return Json.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
        .path("oid").asText();
  }

  private void identity(String name, String clientId, String principalId) {
    ResourceId id = ResourceId.of(SUB, "rg", "Microsoft.ManagedIdentity", "userAssignedIdentities", name);
    var body = Json.object().put("location", "eastus");
    body.putObject("properties").put("tenantId", "22222222-2222-2222-2222-222222222222")
        .put("principalId", principalId).put("clientId", clientId);
    store.transaction(tx -> tx.put(id, ResourceTypes.USER_ASSIGNED_IDENTITIES.key(), body));
  }
}
