package dev.isla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.isla.arm.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The workload the JDK AOT cache of {@code bin/az} is trained on ({@code java
 * -XX:AOTCacheOutput=az.aot ... dev.isla.cli.StartupTraining}): the seed's kinds of command run
 * through {@link Az#run} against a tiny ARM stand-in on a loopback port, so that the cache holds
 * the classes, linked call sites and profiles of the real hot paths — parsing, the HTTP client,
 * JSON, long-running-operation polling, flattening, {@code --query}, every output format and the
 * error paths. Nothing it does leaves the process.
 */
public final class StartupTraining {

  private static final String SUB = "00000000-0000-0000-0000-0000000000aa";
  private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg";

  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", StartupTraining::answer);
    server.start();
    Path config = Files.createTempDirectory("isla-az-training");
    try {
      Map<String, String> env = Map.of("ISLA_ARM_URL",
          "http://127.0.0.1:" + server.getAddress().getPort(), "ISLA_SUBSCRIPTION_ID", SUB,
          "AZURE_CONFIG_DIR", config.toString());
      PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false,
          StandardCharsets.UTF_8);
      for (List<String> command : commands()) {
        Az.run(command.toArray(String[]::new), env, sink, sink);
      }
    } finally {
      server.stop(0);
      try (var files = Files.walk(config)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static List<List<String>> commands() {
    String acr = RG + "/providers/Microsoft.ContainerRegistry/registries/acr1";
    String nic = RG + "/providers/Microsoft.Network/networkInterfaces/nic1";
    return List.of(
        List.of("version"),
        List.of("group", "show", "-n", "rg"),
        List.of("group", "show", "-n", "rg", "--query", "location", "-o", "tsv"),
        List.of("group", "create", "--name", "rg", "--location", "eastus"),
        List.of("group", "list", "-o", "table"),
        List.of("group", "list", "--query", "[].name", "-o", "yaml"),
        List.of("group", "show", "-n", "rg", "-o", "jsonc"),
        List.of("group", "show", "-n", "missing"),
        List.of("group", "show"),
        List.of("feature", "register", "--namespace", "Microsoft.ContainerService", "--name",
            "NetworkIsolatedClusterPreview"),
        List.of("feature", "show", "--namespace", "Microsoft.ContainerService", "--name",
            "NetworkIsolatedClusterPreview", "--query", "properties.state", "-o", "tsv"),
        List.of("provider", "register", "--namespace", "Microsoft.ContainerService"),
        List.of("network", "vnet", "subnet", "show", "-g", "rg", "--vnet-name", "v", "-n", "s",
            "--query", "id", "--output", "tsv"),
        List.of("acr", "create", "-g", "rg", "-n", "acr1", "--sku", "Premium",
            "--public-network-enabled", "false"),
        List.of("acr", "update", "-g", "rg", "-n", "acr1", "--anonymous-pull-enabled", "true"),
        List.of("acr", "show", "-n", "acr1", "-g", "rg", "--query", "id", "-o", "tsv"),
        List.of("network", "nic", "show", "--ids", nic, "--query",
            "ipConfigurations[?privateLinkConnectionProperties.requiredMemberName=='registry']"
                + ".privateIPAddress", "--output", "tsv"),
        List.of("identity", "show", "-n", "id1", "-g", "rg", "--query", "principalId", "-o",
            "tsv"),
        List.of("role", "assignment", "create", "--role", "AcrPull", "--scope", acr,
            "--assignee-object-id", SUB, "--assignee-principal-type", "ServicePrincipal"),
        List.of("aks", "show", "-g", "rg", "-n", "aks1", "-o", "table"),
        List.of("aks", "show", "-g", "rg", "-n", "aks1", "--query", "networkProfile", "-o",
            "yamlc"),
        List.of("acr", "show", "-h"));
  }

  /**
   * A generic ARM: collections list one resource, a name starting with {@code missing} is 404,
   * writes start an operation that has already succeeded, actions answer a small object.
   */
  private static void answer(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    exchange.getRequestBody().readAllBytes();
    String base = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
    if (path.startsWith("/operations/")) {
      reply(exchange, 200, Json.object().put("status", "Succeeded"));
    } else if (path.substring(path.lastIndexOf('/') + 1).startsWith("missing")) {
      ObjectNode error = Json.object();
      error.putObject("error").put("code", "ResourceNotFound")
          .put("message", "The Resource '" + path + "' was not found.");
      reply(exchange, 404, error);
    } else if (method.equals("PUT") || method.equals("PATCH")) {
      exchange.getResponseHeaders().add("Azure-AsyncOperation", base + "/operations/1");
      exchange.getResponseHeaders().add("Retry-After", "0");
      reply(exchange, 201, resource(path, "Creating"));
    } else if (method.equals("POST")) {
      ObjectNode answer = Json.object().put("nameAvailable", true);
      answer.putObject("properties").put("state", "Registering");
      reply(exchange, 200, answer);
    } else if (isCollection(path)) {
      ObjectNode list = Json.object();
      list.putArray("value").add(resource(path + "/item1", "Succeeded"));
      reply(exchange, 200, list);
    } else {
      reply(exchange, 200, resource(path, "Succeeded"));
    }
  }

  /** Resource ids alternate type and name once {@code providers/<namespace>} pairs are removed. */
  private static boolean isCollection(String path) {
    String[] segments = path.substring(1).split("/");
    int count = segments.length;
    for (String s : segments) {
      if (s.equalsIgnoreCase("providers")) {
        count -= 2;
      }
    }
    return count % 2 == 1;
  }

  private static JsonNode resource(String id, String state) {
    ObjectNode r = Json.object().put("id", id).put("name", id.substring(id.lastIndexOf('/') + 1))
        .put("location", "eastus");
    ObjectNode props = r.putObject("properties").put("provisioningState", state)
        .put("principalId", SUB);
    props.putArray("ipConfigurations").addObject().put("name", "c1").putObject("properties")
        .put("privateIPAddress", "10.0.0.4").putObject("privateLinkConnectionProperties")
        .put("requiredMemberName", "registry");
    props.putObject("networkProfile").put("outboundType", "none");
    return r;
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
