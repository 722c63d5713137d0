package dev.isla.nodes.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isla.arm.Json;
import dev.isla.nodes.Bootstrap;
import dev.isla.nodes.CommandOutput;
import dev.isla.nodes.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get nodes [-o wide|json|yaml]} and {@code kubectl get pods -A} over the
 * cluster's nodes, printed as kubectl prints them. A node that failed its boot is
 * {@code NotReady}. Nodes whose bootstrap differs from the cluster's current profile (not
 * reimaged since {@code az aks update}) keep kubectl's columns and are listed in a note after the
 * table; in JSON and YAML they carry the annotation {@value #STALE_ANNOTATION} (docs/NODES.md).
 */
final class KubectlCommand {

  static final String STALE_ANNOTATION = "isla.dev/bootstrap-outdated";
  private static final String OS_IMAGE = "Ubuntu 22.04.5 LTS";
  private static final String KERNEL = "5.15.0-1079-azure";
  private static final String RUNTIME = "containerd://1.7.27-1";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final List<Node> nodes;
  private final Bootstrap profile;
  private final Instant now;

  KubectlCommand(List<Node> nodes, Bootstrap profile, Clock clock) {
    this.nodes = nodes;
    this.profile = profile;
    this.now = clock.instant();
  }

  CommandOutput run(List<String> args) {
    if (args.size() >= 2 && args.get(0).equals("get")
        && (args.get(1).equals("nodes") || args.get(1).equals("node") || args.get(1).equals("no"))) {
      return nodes(args.subList(2, args.size()));
    }
    if (args.size() >= 2 && args.get(0).equals("get") && args.get(1).startsWith("po")) {
      return new PodList(nodes, now).print();
    }
    return new CommandOutput(1, "error: Isla's kubectl runs 'get nodes [-o wide|json|yaml]' and "
        + "'get pods -A'; not '" + String.join(" ", args) + "'\n");
  }

  private CommandOutput nodes(List<String> args) {
    String output = "";
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("-o") && i + 1 < args.size()) {
        output = args.get(++i);
      } else if (args.get(i).startsWith("-o")) {
        output = args.get(i).substring(2).replaceFirst("^=", "");
      }
    }
    return switch (output) {
      case "" -> new CommandOutput(0, table(false));
      case "wide" -> new CommandOutput(0, table(true));
      case "json" -> new CommandOutput(0, Json.pretty(list()) + "\n");
      case "yaml" -> new CommandOutput(0, yaml());
      default -> new CommandOutput(1, "error: unable to match a printer suitable for the output "
          + "format \"" + output + "\", allowed formats are: json,wide,yaml\n");
    };
  }

  private String table(boolean wide) {
    if (nodes.isEmpty()) {
      return "No resources found\n";
    }
    Table t = wide ? new Table("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP",
        "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME")
        : new Table("NAME", "STATUS", "ROLES", "AGE", "VERSION");
    for (Node n : nodes) {
      String status = n.ready() ? "Ready" : "NotReady";
      String age = KubeAge.of(Duration.between(n.bootedAt(), now));
      String version = "v" + n.bootstrap().kubernetesVersion();
      if (wide) {
        t.add(n.name(), status, "<none>", age, version, n.privateIpAddress().toString(), "<none>",
            OS_IMAGE, KERNEL, RUNTIME);
      } else {
        t.add(n.name(), status, "<none>", age, version);
      }
    }
    return t + staleNote();
  }

  private String staleNote() {
    List<Node> stale = nodes.stream().filter(this::stale).toList();
    if (stale.isEmpty()) {
      return "";
    }
    StringBuilder note = new StringBuilder("\nNote: ").append(stale.size())
        .append(" node(s) still run the bootstrap they booted with, not the cluster's current one (")
        .append(describe(profile)).append("); reimage them with "
            + "'az aks upgrade --node-image-only':\n");
    stale.forEach(n -> note.append("  ").append(n.name()).append(": ")
        .append(describe(n.bootstrap())).append('\n'));
    return note.toString();
  }

  private boolean stale(Node n) {
    Bootstrap b = n.bootstrap();
    return !b.artifactSource().equals(profile.artifactSource())
        || !b.containerRegistryServer().equals(profile.containerRegistryServer())
        || !b.kubeletClientId().equals(profile.kubeletClientId());
  }

  private static String describe(Bootstrap b) {
    return "artifactSource " + b.artifactSource()
        + b.containerRegistryServer().map(s -> " via " + s).orElse(" from mcr.microsoft.com");
  }

  private ObjectNode list() {
    ObjectNode list = Json.object().put("apiVersion", "v1");
    ArrayNode items = list.putArray("items");
    nodes.forEach(n -> items.add(node(n)));
    list.put("kind", "List");
    list.putObject("metadata").put("resourceVersion", "");
    return list;
  }

  private ObjectNode node(Node n) {
    ObjectNode o = Json.object().put("apiVersion", "v1").put("kind", "Node");
    ObjectNode meta = o.putObject("metadata");
    ObjectNode annotations = meta.putObject("annotations");
    annotations.put("node.alpha.kubernetes.io/ttl", "0");
    if (stale(n)) {
      annotations.put(STALE_ANNOTATION, "true");
    }
    meta.put("creationTimestamp", n.bootedAt().toString());
    meta.putObject("labels").put("agentpool", n.pool()).put("kubernetes.azure.com/agentpool", n.pool())
        .put("kubernetes.io/arch", "amd64").put("kubernetes.io/hostname", n.name())
        .put("kubernetes.io/os", "linux").put("kubernetes.azure.com/role", "agent");
    meta.put("name", n.name());
    ObjectNode status = o.putObject("status");
    ArrayNode addresses = status.putArray("addresses");
    addresses.addObject().put("address", n.privateIpAddress().toString()).put("type", "InternalIP");
    addresses.addObject().put("address", n.name()).put("type", "Hostname");
    ObjectNode ready = status.putArray("conditions").addObject()
        .put("lastTransitionTime", n.bootedAt().toString())
        .put("status", n.ready() ? "True" : "False").put("type", "Ready");
    ready.put("reason", n.ready() ? "KubeletReady" : "KubeletNotReady");
    ready.put("message", n.failure().map(f -> "node bootstrap failed in " + f.phase() + " (exit "
        + f.exitCode() + "): " + f.cause()).orElse(n.booting()
            ? "container runtime network not ready: the node is booting"
            : "kubelet is posting ready status"));
    status.putObject("nodeInfo").put("architecture", "amd64")
        .put("containerRuntimeVersion", RUNTIME).put("kernelVersion", KERNEL)
        .put("kubeletVersion", "v" + n.bootstrap().kubernetesVersion())
        .put("operatingSystem", "linux").put("osImage", OS_IMAGE);
    return o;
  }

  private String yaml() {
    try {
      return YAML.writeValueAsString(list());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
