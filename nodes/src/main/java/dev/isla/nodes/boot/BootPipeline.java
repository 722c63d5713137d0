package dev.isla.nodes.boot;

import dev.isla.nodes.Bootstrap;
import dev.isla.nodes.net.DnsAnswer;
import dev.isla.nodes.net.NodeHttpClient;
import dev.isla.nodes.net.Request;
import dev.isla.nodes.net.Response;
import dev.isla.nodes.net.Url;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Rcode;

/**
 * One node's boot, as AgentBaker's provisioning script runs it (research/aks-isolation.md §2):
 * the phases of {@link #run} in order, each failing with its {@link BootPhase} exit code and a
 * cause naming what the resolver, the fabric or the registry said. Not thread-safe: one pipeline
 * per boot.
 */
public final class BootPipeline {

  /** One phase's work. */
  @FunctionalInterface
  private interface Work {
    void run() throws IOException, BootException;
  }

  private record Phase(BootPhase phase, Work work) {}

  private final NodeHttpClient http;
  private final Bootstrap bootstrap;
  private final BootArtifacts artifacts;
  private final RegistryEndpoint endpoint;
  private final List<RegistryClient.Pulled> pulled = new ArrayList<>();
  private RegistryClient registry;

  public BootPipeline(NodeHttpClient http, Bootstrap bootstrap, BootArtifacts artifacts) {
    this.http = http;
    this.bootstrap = bootstrap;
    this.artifacts = artifacts;
    this.endpoint = bootstrap.containerRegistryServer().map(RegistryEndpoint::ofServer)
        .orElseGet(RegistryEndpoint::direct);
    this.registry = new RegistryClient(http, endpoint, RegistryClient.Credential.anonymous());
  }

  /**
   * Runs every phase in order and stops at the first failure.
   *
   * @return what was pulled, in order, when the node is Ready
   * @throws BootException naming the phase, its exit code and the cause
   */
  public List<RegistryClient.Pulled> run() throws BootException {
    List<Phase> phases = List.of(
        new Phase(BootPhase.OUTBOUND_CHECK, this::outboundCheck),
        new Phase(BootPhase.DNS_CHECK, this::dnsCheck),
        new Phase(BootPhase.REGISTRY_LOGIN, this::login),
        new Phase(BootPhase.KUBERNETES_NODE, () -> pull(artifacts.kubernetesNode(), false)),
        new Phase(BootPhase.CREDENTIAL_PROVIDER, () -> pull(artifacts.credentialProvider(), false)),
        new Phase(BootPhase.PAUSE, () -> pull(artifacts.pause(), false)),
        new Phase(BootPhase.COMPONENT_IMAGES, () -> {
          for (ImageRef image : artifacts.components()) {
            pull(image, true);
          }
        }));
    for (Phase p : phases) {
      try {
        p.work().run();
      } catch (IOException e) {
        throw new BootException(p.phase(), Causes.describe(e));
      }
    }
    return List.copyOf(pulled);
  }

  /** {@code curl https://mcr.microsoft.com/v2/}: any HTTP answer proves egress. */
  private void outboundCheck() throws IOException {
    if (bootstrap.skipsOutboundCheck()) {
      return;
    }
    try (Response r = http.send(Request.get(Url.parse("https://mcr.microsoft.com/v2/")))) {
      r.body().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new IOException("curl https://mcr.microsoft.com/v2/: " + Causes.describe(e), e);
    }
  }

  /** {@code dig .} answers, and the registry host resolves to an address (a CNAME alone fails). */
  private void dnsCheck() throws IOException, BootException {
    DnsAnswer root = http.network().resolver().lookup(".", "NS");
    if (root.rcode() != Rcode.NOERROR) {
      throw new BootException(BootPhase.DNS_CHECK, "dig . answered " + root.status() + " from "
          + root.server());
    }
    DnsAnswer host = http.network().resolver().lookup(bootstrap.registryHost(), "A");
    if (host.addresses().isEmpty()) {
      throw new BootException(BootPhase.DNS_CHECK, "dig +short " + bootstrap.registryHost()
          + " gave no address: " + host.whyNoAddress() + " from " + host.server());
    }
  }

  private void login() throws BootException {
    if (bootstrap.cache()) {
      registry = new RegistryClient(http, endpoint,
          new RegistryLogin(http, endpoint, bootstrap).login());
    }
  }

  private void pull(ImageRef image, boolean containerd) throws IOException {
    String server = bootstrap.containerRegistryServer().orElse(RegistryEndpoint.MCR);
    try {
      pulled.add(registry.pull(image, containerd));
    } catch (IOException e) {
      throw new IOException("pulling " + server + "/" + image + ": " + Causes.describe(e), e);
    }
  }
}
