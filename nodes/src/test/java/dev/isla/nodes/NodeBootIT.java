package dev.isla.nodes;

import static dev.isla.nodes.NodeWorld.cache;
import static dev.isla.nodes.NodeWorld.direct;
import static dev.isla.nodes.NodeWorld.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.fabric.catalog.OutboundType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nodes booting through the real fabric, DNS server and identity endpoints, on loopback. */
@Timeout(60)
class NodeBootIT {

  static final String SERVER = "myacr.azurecr.io/aks-managed-repository";

  final NodeWorld world = new NodeWorld();
  final NodeAgents agents = world.agents();

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void anIsolatedNodeBootsReadyThroughThePrivateEndpointPullingEveryArtifactThroughTheMirror() {
    List<Node> nodes = agents.provision(pool(2, cache(SERVER)));

    assertThat(nodes).extracting(Node::name).containsExactly(
        "aks-nodepool1-12345678-vmss000000", "aks-nodepool1-12345678-vmss000001");
    assertThat(nodes).allSatisfy(n -> {
      assertThat(n.failure()).isEmpty();
      assertThat(n.images()).hasSize(7).first()
          .isEqualTo("oss/binaries/kubernetes/kubernetes-node:v1.30.3-linux-amd64");
    });
    assertThat(world.acr.seen).anySatisfy(s -> {
      assertThat(s.host()).isEqualTo(NodeWorld.ACR);
      assertThat(s.target()).isEqualTo(
          "/v2/aks-managed-repository/oss/v2/kubernetes/kube-proxy/manifests/v1.30.3?ns=mcr.microsoft.com");
    });
    assertThat(world.acr.seen).anySatisfy(s -> assertThat(s.target())
        .isEqualTo("/v2/aks-managed-repository/oss/binaries/kubernetes/kubernetes-node/manifests/"
            + "v1.30.3-linux-amd64"));
    assertThat(world.acr.seen).anySatisfy(s -> {
      assertThat(s.host()).isEqualTo(NodeWorld.ACR_DATA);
      assertThat(s.target()).startsWith("/blob-sas/sha256:");
    });
    assertThat(world.acr.seen).anySatisfy(s -> assertThat(s.target()).isEqualTo("/oauth2/exchange"));
    assertThat(world.mcr.seen).isEmpty();
    assertThat(world.fabric.refusals().recent()).isEmpty();
  }

  @Test
  void aMissingPrivateDnsRecordFailsTheDnsCheckWith215NamingTheDanglingCname() {
    world.names.put(NodeWorld.privateZone(false));

    Node node = agents.provision(pool(1, cache(SERVER))).getFirst();

    assertThat(node.failure()).hasValueSatisfying(f -> {
      assertThat(f.phase()).isEqualTo("dnsCheck");
      assertThat(f.exitCode()).isEqualTo(215);
      assertThat(f.cause()).isEqualTo("dig +short myacr.azurecr.io gave no address: NXDOMAIN "
          + "(CNAME myacr.privatelink.azurecr.io has no address) from 168.63.129.16");
    });
    assertThat(world.acr.seen).isEmpty();
  }

  @Test
  void aKubeletWithoutPullRightsAndAnonymousPullOffFailsTheLoginWith212() {
    world.kubeletCanPull.set(false);

    Node node = agents.provision(pool(1, cache(SERVER))).getFirst();

    assertThat(node.failure()).hasValueSatisfying(f -> {
      assertThat(f.phase()).isEqualTo("registryLogin");
      assertThat(f.exitCode()).isEqualTo(212);
      assertThat(f.cause()).contains("kubelet identity " + NodeWorld.KUBELET.clientId())
          .contains("no pull permission on myacr.azurecr.io").contains("anonymous pull is off");
    });
  }

  @Test
  void anonymousPullSkipsTheLoginAndTheNodeStillBoots() {
    world.kubeletCanPull.set(false);
    world.acr.anonymousPull.set(true);

    Node node = agents.provision(pool(1, cache(SERVER))).getFirst();

    assertThat(node.failure()).isEmpty();
    assertThat(world.acr.seen).noneSatisfy(s -> assertThat(s.target()).isEqualTo("/oauth2/exchange"));
  }

  @Test
  void aRegistryWithoutACacheRuleFailsTheBinariesPullWith207AndTheRegistrys404() {
    world.acr.cacheRule.set(false);

    Node node = agents.provision(pool(1, cache(SERVER))).getFirst();

    assertThat(node.failure()).hasValueSatisfying(f -> {
      assertThat(f.phase()).isEqualTo("kubernetesNode");
      assertThat(f.exitCode()).isEqualTo(207);
      assertThat(f.cause()).isEqualTo("pulling myacr.azurecr.io/aks-managed-repository/"
          + "oss/binaries/kubernetes/kubernetes-node:v1.30.3-linux-amd64: GET https://myacr.azurecr.io"
          + "/v2/aks-managed-repository/oss/binaries/kubernetes/kubernetes-node/manifests/"
          + "v1.30.3-linux-amd64: 404 NAME_UNKNOWN: repository name not known to registry");
    });
  }

  @Test
  void aCorruptBlobFailsTheDigestCheck() {
    world.acr.corruptBlobs();

    Node node = agents.provision(pool(1, cache(SERVER))).getFirst();

    assertThat(node.failure()).hasValueSatisfying(f -> {
      assertThat(f.exitCode()).isEqualTo(207);
      assertThat(f.cause()).contains("does not verify");
    });
  }

  @Test
  void aDirectNodeWithOutboundNoneIsRefusedByTheNetworkNamingThePolicy() {
    Node node = agents.provision(pool(1, direct("none"))).getFirst();

    assertThat(node.failure()).hasValueSatisfying(f -> {
      assertThat(f.phase()).isEqualTo("kubernetesNode");
      assertThat(f.exitCode()).isEqualTo(207);
      assertThat(f.cause()).startsWith("pulling mcr.microsoft.com/oss/binaries/kubernetes/")
          .contains("connection timed out to 20.62.0.5 port 443: outboundType none, subnet aks "
              + "defaultOutboundAccess false: no egress to 20.62.0.5 (mcr.microsoft.com) port 443");
    });
    assertThat(world.mcr.seen).isEmpty();
  }

  @Test
  void aDirectNodeWithALoadBalancerChecksEgressAndPullsFromMcr() {
    world.outbound(OutboundType.LOAD_BALANCER);

    Node node = agents.provision(pool(1, direct("loadBalancer"))).getFirst();

    assertThat(node.failure()).isEmpty();
    assertThat(world.mcr.seen.getFirst().target()).isEqualTo("/v2/");
    assertThat(world.mcr.seen).anySatisfy(s -> assertThat(s.target())
        .isEqualTo("/v2/oss/v2/kubernetes/pause/manifests/3.10.2"));
    assertThat(world.acr.seen).isEmpty();
  }

  @Test
  void theOutboundCheckFailsWith50WhenTheClusterClaimsEgressItDoesNotHave() {
    Node node = agents.provision(pool(1, direct("loadBalancer"))).getFirst();

    assertThat(node.failure()).hasValueSatisfying(f -> {
      assertThat(f.phase()).isEqualTo("outboundCheck");
      assertThat(f.exitCode()).isEqualTo(50);
      assertThat(f.cause()).startsWith("curl https://mcr.microsoft.com/v2/: connection timed out");
    });
  }

  @Test
  void provisionIsIdempotentScalesDownAndReimageAppliesANewBootstrap() {
    agents.provision(pool(3, direct("none")));
    List<Node> kept = agents.provision(pool(2, cache(SERVER)));

    assertThat(kept).hasSize(2).allSatisfy(n -> {
      assertThat(n.bootstrap().artifactSource()).isEqualTo("Direct");
      assertThat(n.ready()).isFalse();
    });

    List<Node> reimaged = agents.reimage(pool(2, cache(SERVER)));

    assertThat(reimaged).hasSize(2).allSatisfy(n -> {
      assertThat(n.bootstrap().artifactSource()).isEqualTo("Cache");
      assertThat(n.ready()).isTrue();
    });
    assertThat(world.fabric.position("x")).isEmpty();
  }
}
