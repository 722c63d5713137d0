package dev.isla.nodes;

import static dev.isla.nodes.NodeWorld.cache;
import static dev.isla.nodes.NodeWorld.direct;
import static dev.isla.nodes.NodeWorld.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.Json;
import dev.isla.fabric.catalog.OutboundType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code az aks command invoke} commands run from an isolated node's network position. */
@Timeout(60)
class NodeCommandsIT {

  static final Bootstrap PROFILE = cache("myacr.azurecr.io/aks-managed-repository");

  final NodeWorld world = new NodeWorld();
  final NodeAgents agents = world.agents();

  @BeforeEach
  void boot() {
    agents.provision(pool(2, PROFILE));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  CommandOutput run(String command) {
    return agents.run(NodeWorld.CLUSTER, command, PROFILE);
  }

  @Test
  void nslookupOfTheRegistryShowsTheCnameAndThePrivateEndpointAddress() {
    CommandOutput out = run("nslookup myacr.azurecr.io");

    assertThat(out.exitCode()).isZero();
    assertThat(out.output()).isEqualTo("""
        Server:\t\t168.63.129.16
        Address:\t168.63.129.16#53

        Non-authoritative answer:
        myacr.azurecr.io\tcanonical name = myacr.privatelink.azurecr.io.
        Name:\tmyacr.privatelink.azurecr.io
        Address: 192.168.2.4

        """);
  }

  @Test
  void nslookupOfAnUnknownNameIsNxdomainWithExitCode1() {
    CommandOutput out = run("nslookup nothing.example.com");

    assertThat(out.exitCode()).isEqualTo(1);
    assertThat(out.output()).endsWith("** server can't find nothing.example.com: NXDOMAIN\n\n");
  }

  @Test
  void curlToMcrFromAnIsolatedNodeTimesOutWithCurlsMessage() {
    CommandOutput out = run("curl -sS --max-time 0.3 https://mcr.microsoft.com/v2/");

    assertThat(out.exitCode()).isEqualTo(28);
    assertThat(out.output()).matches("curl: \\(28\\) Connection timed out after \\d+ milliseconds\n");
  }

  @Test
  void curlWithoutMaxTimeNamesHostAndPort() {
    CommandOutput out = run("curl -sS https://mcr.microsoft.com/v2/");

    assertThat(out.exitCode()).isEqualTo(28);
    assertThat(out.output()).matches("curl: \\(28\\) Failed to connect to mcr.microsoft.com port "
        + "443 after \\d+ ms: Timeout was reached\n");
  }

  @Test
  void curlToANameThatDoesNotResolveExits6AndSilentHidesIt() {
    assertThat(run("curl -sS https://nothing.example.com/")).isEqualTo(
        new CommandOutput(6, "curl: (6) Could not resolve host: nothing.example.com\n"));
    assertThat(run("curl -s https://nothing.example.com/")).isEqualTo(new CommandOutput(6, ""));
  }

  @Test
  void curlToAPortNobodyListensOnIsRefusedWith7() {
    CommandOutput out = run("curl -sS http://myacr.azurecr.io:8080/");

    assertThat(out.exitCode()).isEqualTo(7);
    assertThat(out.output()).matches("curl: \\(7\\) Failed to connect to myacr.azurecr.io port "
        + "8080 after \\d+ ms: Couldn't connect to server\n");
  }

  @Test
  void curlToTheRegistryThroughThePrivateEndpointAnswersAndFailFlagGives22() {
    CommandOutput body = run("curl -s https://myacr.azurecr.io/v2/");
    CommandOutput failed = run("curl -sSf https://myacr.azurecr.io/v2/");
    CommandOutput head = run("curl -sI https://myacr.azurecr.io/v2/");

    assertThat(body.exitCode()).isZero();
    assertThat(body.output()).contains("UNAUTHORIZED");
    assertThat(failed).isEqualTo(
        new CommandOutput(22, "curl: (22) The requested URL returned error: 401\n"));
    assertThat(head.output()).startsWith("HTTP/1.1 401 Unauthorized\r\n")
        .contains("www-authenticate: Bearer realm=\"https://myacr.azurecr.io/oauth2/token\"");
  }

  @Test
  void kubectlGetNodesPrintsKubectlsColumns() {
    CommandOutput out = run("kubectl get nodes");

    assertThat(out.exitCode()).isZero();
    assertThat(out.output()).matches("""
        NAME                                STATUS   ROLES    AGE   VERSION
        aks-nodepool1-12345678-vmss000000   Ready    <none>   \\d+s +v1.30.3
        aks-nodepool1-12345678-vmss000001   Ready    <none>   \\d+s +v1.30.3
        """);
  }

  @Test
  void kubectlGetNodesWideShowsTheNodeAddresses() {
    CommandOutput out = run("kubectl get nodes -o wide");

    assertThat(out.output().lines().findFirst().orElseThrow()).startsWith("NAME").contains(
        "INTERNAL-IP   EXTERNAL-IP   OS-IMAGE").endsWith("CONTAINER-RUNTIME");
    assertThat(out.output()).contains("192.168.1.4").contains("192.168.1.5");
  }

  @Test
  void nodesNotReimagedAfterAProfileChangeAreNotedAndAnnotated() {
    Bootstrap changed = cache("otheracr.azurecr.io");

    CommandOutput table = agents.run(NodeWorld.CLUSTER, "kubectl get nodes", changed);
    CommandOutput json = agents.run(NodeWorld.CLUSTER, "kubectl get nodes -o json", changed);

    assertThat(table.output()).contains("Note: 2 node(s) still run the bootstrap they booted with")
        .contains("artifactSource Cache via otheracr.azurecr.io")
        .contains("  aks-nodepool1-12345678-vmss000000: artifactSource Cache via "
            + "myacr.azurecr.io/aks-managed-repository");
    assertThat(Json.parse(json.output()).path("items").path(0).path("metadata").path("annotations")
        .path("isla.dev/bootstrap-outdated").asText()).isEqualTo("true");
    assertThat(run("kubectl get nodes").output()).doesNotContain("Note:");
  }

  @Test
  void kubectlGetNodesYamlIsAList() {
    CommandOutput out = run("kubectl get nodes -o yaml");

    assertThat(out.output()).startsWith("apiVersion: v1\nitems:\n").contains("kind: Node")
        .contains("kubeletVersion: v1.30.3");
  }

  @Test
  void kubectlGetPodsListsTheKubeSystemPodsRunning() {
    CommandOutput out = run("kubectl get pods -A");

    assertThat(out.output().lines().findFirst().orElseThrow())
        .matches("NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE");
    assertThat(out.output().lines().skip(1)).hasSize(6)
        .allMatch(l -> l.matches("kube-system +(coredns|azure-cns|kube-proxy)-\\S+ +1/1 +Running +0 +\\d+s"));
  }

  @Test
  void aFailedNodeIsNotReady() {
    world.outbound(OutboundType.NONE);
    agents.provision(new PoolSpec(NodeWorld.CLUSTER, "direct", "aks-direct-87654321-vmss",
        NodeWorld.AKS_SUBNET, java.util.List.of(dev.isla.fabric.address.LogicalAddress
            .parse("192.168.1.40")), direct("none")));

    assertThat(run("kubectl get nodes").output()).containsPattern(
        "aks-direct-87654321-vmss000000 +NotReady");
  }

  @Test
  void anythingElseIsCommandNotFound() {
    assertThat(run("helm list")).isEqualTo(
        new CommandOutput(127, "bash: line 1: helm: command not found\n"));
  }
}
