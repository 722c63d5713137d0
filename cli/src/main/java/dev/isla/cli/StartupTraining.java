package dev.isla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workload the JDK AOT cache of {@code bin/az} is trained on ({@code java
 * -XX:AOTCacheOutput=az.aot ... dev.isla.cli.StartupTraining}): the seed's kinds of command run
 * through {@link Az#run} against a tiny ARM stand-in on a loopback port, so that the cache holds
 * the classes, linked call sites and profiles of the real hot paths — parsing, the HTTP client,
 * JSON, long-running-operation polling, flattening, {@code --query}, every output format and the
 * error paths. Nothing it does leaves the process.
 *
 * <p>Every class the training loads is preloaded by every later run, so the stand-in is a bare
 * {@link ServerSocket} (the JDK's HTTP server brought ~100 classes of its own, with time and
 * locale formatting), and {@code -o yaml} is left out: it is rare in scripts and would add the
 * YAML and data-binding classes (docs/BENCHMARKS.md, CLI start-up).
 */
public final class StartupTraining {

  private static final String SUB = "00000000-0000-0000-0000-0000000000aa";
  private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg";

  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    Path config = Files.createTempDirectory("isla-az-training");
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread serving = new Thread(() -> serve(server), "training-arm");
      serving.setDaemon(true);
      serving.start();
      Map<String, String> env = Map.of("ISLA_ARM_URL",
          "http://127.0.0.1:" + server.getLocalPort(), "ISLA_SUBSCRIPTION_ID", SUB,
          "AZURE_CONFIG_DIR", config.toString());
      PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false,
          StandardCharsets.UTF_8);
      for (List<String> command : commands()) {
        Az.run(command.toArray(String[]::new), env, sink, sink);
      }
    } finally {
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
        List.of("group", "list", "--query", "[].name", "-o", "tsv"),
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
            "table"),
        List.of("acr", "show", "-h"));
  }

  /** One connection at a time: the CLI sends {@code Connection: close} requests, one by one. */
  private static void serve(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        answer(socket);
      } catch (IOException e) {
        // The socket closes when training ends; a broken exchange only fails its command.
      }
    }
  }

  /**
   * A generic ARM: collections list one resource, a name starting with {@code missing} is 404,
   * writes start an operation that has already succeeded, actions answer a small object.
   */
  private static void answer(Socket socket) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
        StandardCharsets.UTF_8));
    String[] requestLine = in.readLine().split(" ");
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    in.skip(length);
    String method = requestLine[0];
    String path = requestLine[1].split("\\?")[0];
    String base = "http://127.0.0.1:" + socket.getLocalPort();
    Map<String, String> headers = new LinkedHashMap<>();
    if (path.startsWith("/operations/")) {
      reply(socket, 200, headers, Json.object().put("status", "Succeeded"));
    } else if (path.substring(path.lastIndexOf('/') + 1).startsWith("missing")) {
      ObjectNode error = Json.object();
      error.putObject("error").put("code", "ResourceNotFound")
          .put("message", "The Resource '" + path + "' was not found.");
      reply(socket, 404, headers, error);
    } else if (method.equals("PUT") || method.equals("PATCH")) {
      headers.put("Azure-AsyncOperation", base + "/operations/1");
      headers.put("Retry-After", "0");
      reply(socket, 201, headers, resource(path, "Creating"));
    } else if (method.equals("POST")) {
      ObjectNode answer = Json.object().put("nameAvailable", true);
      answer.putObject("properties").put("state", "Registering");
      reply(socket, 200, headers, answer);
    } else if (isCollection(path)) {
      ObjectNode list = Json.object();
      list.putArray("value").add(resource(path + "/item1", "Succeeded"));
      reply(socket, 200, headers, list);
    } else {
      reply(socket, 200, headers, resource(path, "Succeeded"));
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

  private static void reply(Socket socket, int status, Map<String, String> headers,
      JsonNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n")
        .append("Content-Type: application/json\r\nConnection: close\r\n")
        .append("Content-Length: ").append(bytes.length).append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    OutputStream out = socket.getOutputStream();
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }
}
