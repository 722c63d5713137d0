package dev.isla.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code isla nodes}: every node of every cluster with the bootstrap it runs and whether that is
 * still its cluster's profile — the seed's most repeated warning ("reimage after switching") made
 * visible. Reads the ARM endpoint's agent-pool machines (their {@code properties.bootstrap}).
 */
@Command(name = "nodes", description = "List the nodes of every cluster with the bootstrap each"
    + " runs; nodes that still run an old bootstrap need 'az aks upgrade --node-image-only'.")
final class NodesCommand implements Callable<Integer> {

  private static final String API = "?api-version=2026-06-01";

  @CommandLine.Mixin Isla.DataOption data = new Isla.DataOption();

  /** One line of the listing. */
  record Row(String cluster, String pool, String node, String status, String source,
      String registry, String outbound, boolean current) {}

  @Override
  public Integer call() throws IOException {
    InstanceState state = InstanceState.readLive(data.dir()).orElseThrow(() ->
        new IllegalStateException("no instance is running for " + data.dir()));
    List<Row> rows = new ArrayList<>();
    String clusters = "/subscriptions/" + state.subscriptionId()
        + "/providers/Microsoft.ContainerService/managedClusters" + API;
    for (JsonNode cluster : get(state, clusters).path("value")) {
      String id = cluster.path("id").asText();
      String label = id.replaceAll(".*/resourceGroups/([^/]+)/.*/managedClusters/(.*)", "$1/$2");
      for (JsonNode pool : get(state, id + "/agentPools" + API).path("value")) {
        String poolId = pool.path("id").asText();
        for (JsonNode m : get(state, poolId + "/machines" + API).path("value")) {
          rows.add(row(label, pool.path("name").asText(), m));
        }
      }
    }
    print(rows, System.out);
    return 0;
  }

  static Row row(String cluster, String pool, JsonNode machine) {
    JsonNode p = machine.path("properties");
    JsonNode b = p.path("bootstrap");
    return new Row(cluster, pool, machine.path("name").asText(),
        p.path("provisioningState").asText().equals("Succeeded") ? "Ready" : "NotReady",
        b.path("artifactSource").asText("-"), b.path("containerRegistryServer").asText("-"),
        b.path("outboundType").asText("-"), b.path("matchesClusterProfile").asBoolean(true));
  }

  /** The table, then a line naming how many nodes await a reimage. */
  static void print(List<Row> rows, PrintStream out) {
    String format = "%-24s %-10s %-36s %-9s %-7s %-48s %-13s %s%n";
    out.printf(format, "CLUSTER", "POOL", "NODE", "STATUS", "SOURCE", "REGISTRY", "OUTBOUND",
        "CURRENT");
    long stale = 0;
    for (Row r : rows) {
      out.printf(format, r.cluster(), r.pool(), r.node(), r.status(), r.source(), r.registry(),
          r.outbound(), r.current() ? "yes" : "NO");
      stale += r.current() ? 0 : 1;
    }
    if (rows.isEmpty()) {
      out.println("(no nodes)");
    } else if (stale > 0) {
      out.println(stale + " node(s) still run the bootstrap they booted with, not their cluster's"
          + " current profile: reimage them with 'az aks upgrade --node-image-only'.");
    }
  }

  private static JsonNode get(InstanceState state, String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(state.armUrl() + path).toURL()
        .openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(30000);
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      JsonNode body = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (status >= 400) {
        throw new IOException("GET " + path + " answered " + status + ": "
            + body.path("message").asText(body.path("error").path("message").asText()));
      }
      return body;
    }
  }
}
