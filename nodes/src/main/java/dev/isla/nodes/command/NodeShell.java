package dev.isla.nodes.command;

import dev.isla.nodes.Bootstrap;
import dev.isla.nodes.CommandOutput;
import dev.isla.nodes.Node;
import dev.isla.nodes.net.NodeNetwork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell {@code az aks command invoke} runs in, at one node's network position: it knows
 * {@code kubectl get nodes [-o wide|json|yaml]}, {@code kubectl get pods -A},
 * {@code nslookup NAME} and {@code curl [-sS] [-I] [-f] [--max-time N] URL}, each printing what
 * the real tool prints with its exit codes; anything else is {@code command not found} (127), as
 * bash says it.
 */
public final class NodeShell {

  private final NodeNetwork network;
  private final List<Node> nodes;
  private final Bootstrap profile;
  private final Clock clock;

  /**
   * @param network the network stack of the node the command runs on
   * @param nodes the cluster's nodes (what kubectl sees)
   * @param profile the cluster's current bootstrap profile
   */
  public NodeShell(NodeNetwork network, List<Node> nodes, Bootstrap profile, Clock clock) {
    this.network = network;
    this.nodes = List.copyOf(nodes);
    this.profile = profile;
    this.clock = clock;
  }

  /** Runs one command line (words split on blanks; single or double quotes group). */
  public CommandOutput run(String commandLine) {
    List<String> words = words(commandLine);
    if (words.isEmpty()) {
      return new CommandOutput(0, "");
    }
    List<String> args = words.subList(1, words.size());
    return switch (words.getFirst()) {
      case "kubectl" -> new KubectlCommand(nodes, profile, clock).run(args);
      case "nslookup" -> new NslookupCommand(network.resolver()).run(args);
      case "curl" -> new CurlCommand(network).run(args);
      default -> new CommandOutput(127, "bash: line 1: " + words.getFirst()
          + ": command not found\n");
    };
  }

  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }
}
