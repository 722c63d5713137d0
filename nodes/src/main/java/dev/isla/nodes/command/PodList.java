package dev.isla.nodes.command;

import dev.isla.nodes.CommandOutput;
import dev.isla.nodes.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get pods -A}: the kube-system pods the nodes run — per Ready node the
 * {@code azure-cns} and {@code kube-proxy} daemon-set pods, and CoreDNS's two replicas on the
 * first Ready nodes — all {@code Running} (their images were pulled at boot). Pod name suffixes
 * are derived from the node name, so they are stable across calls.
 */
final class PodList {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final List<Node> nodes;
  private final Instant now;

  PodList(List<Node> nodes, Instant now) {
    this.nodes = nodes;
    this.now = now;
  }

  CommandOutput print() {
    List<Node> ready = nodes.stream().filter(Node::ready).toList();
    if (ready.isEmpty()) {
      return new CommandOutput(0, "No resources found\n");
    }
    Table t = new Table("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE");
    for (int i = 0; i < Math.min(2, ready.size()); i++) {
      Node n = ready.get(i);
      t.add("kube-system", "coredns-" + suffix("coredns-rs", 10) + "-" + suffix(n.name(), 5),
          "1/1", "Running", "0", age(n));
    }
    for (Node n : ready) {
      t.add("kube-system", "azure-cns-" + suffix("cns" + n.name(), 5), "1/1", "Running", "0", age(n));
      t.add("kube-system", "kube-proxy-" + suffix("kp" + n.name(), 5), "1/1", "Running", "0", age(n));
    }
    return new CommandOutput(0, t.toString());
  }

  private String age(Node n) {
    return KubeAge.of(Duration.between(n.bootedAt(), now));
  }

  private static String suffix(String seed, int length) {
    long h = seed.hashCode() & 0xffffffffL;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt((int) (h % ALPHABET.length())));
      h = h / ALPHABET.length() + (long) seed.length() * 31 + i * 7L;
    }
    return out.toString();
  }
}
