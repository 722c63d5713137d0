package dev.isla.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's commands on a running instance, through its admin endpoints
 * ({@link AdminEndpoints}): ask the DNS as a VNet, list the fabric's refusals, take the MCR
 * stand-in down and up.
 */
final class OperatorCommands {

  private OperatorCommands() {}

  @Command(name = "dns", description = "Ask Isla's DNS a question, publicly or as a VNet's nodes"
      + " do (Azure DNS inside that VNet); prints the dig command and a dig-like answer.")
  static final class Dns implements Callable<Integer> {
    @CommandLine.Mixin Isla.DataOption data = new Isla.DataOption();

    @Option(names = "--vnet", paramLabel = "NAME|ID", description = "Ask as this VNet.")
    String vnet;

    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Parameters(index = "1", paramLabel = "TYPE", defaultValue = "A") String type;

    @Override
    public Integer call() throws IOException {
      JsonNode views = get(data, "/admin/dns/views"
          + (vnet == null ? "" : "?vnet=" + URLEncoder.encode(vnet, StandardCharsets.UTF_8)));
      String address = views.path("public").asText();
      if (vnet != null) {
        java.util.List<JsonNode> matches = new java.util.ArrayList<>();
        for (JsonNode v : views.path("vnets")) {
          if (v.path("name").asText().equalsIgnoreCase(vnet)
              || v.path("id").asText().equalsIgnoreCase(vnet)) {
            matches.add(v);
          }
        }
        if (matches.size() > 1) {
          System.err.println("isla: several virtual networks are named '" + vnet + "'; pass one"
              + " of their ids:");
          matches.forEach(v -> System.err.println("  " + v.path("id").asText()));
          return 1;
        }
        Optional<JsonNode> match = matches.stream().findFirst();
        if (match.isEmpty() || !match.get().has("address")) {
          System.err.println("isla: no virtual network '" + vnet + "' in this cloud");
          return 1;
        }
        address = match.get().path("address").asText();
      }
      int port = views.path("port").asInt();
      System.out.println("; dig @" + address + " -p " + port + " " + name + " " + type);
      SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(address));
      resolver.setPort(port);
      resolver.setTimeout(Duration.ofSeconds(3));
      Name qname = Name.fromString(name.endsWith(".") ? name : name + ".");
      Message answer = resolver.send(Message.newQuery(Record.newRecord(qname,
          Type.value(type.toUpperCase(java.util.Locale.ROOT)), DClass.IN)));
      System.out.println(answer);
      return 0;
    }
  }

  @Command(name = "fabric", description = "The simulated network: 'isla fabric refusals' lists the"
      + " connections it refused (node, destination, policy, reason).")
  static final class Fabric implements Callable<Integer> {
    @CommandLine.Mixin Isla.DataOption data = new Isla.DataOption();

    @Parameters(index = "0", paramLabel = "refusals") String what;

    @Override
    public Integer call() throws IOException {
      if (!what.equals("refusals")) {
        System.err.println("isla: fabric knows 'refusals' only");
        return 2;
      }
      for (JsonNode r : get(data, "/admin/fabric/refusals")) {
        System.out.println(r.path("at").asText() + "  " + r.path("refusal").asText());
      }
      return 0;
    }
  }

  @Command(name = "mcr", description = "Take the MCR stand-in off the simulated internet ('stop')"
      + " or serve it again ('start'): what cache rules do with their upstream down.")
  static final class Mcr implements Callable<Integer> {
    @CommandLine.Mixin Isla.DataOption data = new Isla.DataOption();

    @Parameters(index = "0", paramLabel = "stop|start") String action;

    @Override
    public Integer call() throws IOException {
      if (!action.equals("stop") && !action.equals("start")) {
        System.err.println("isla: mcr stop|start");
        return 2;
      }
      System.out.println(post(data, "/admin/mcr/" + action).path("mcr").asText());
      return 0;
    }
  }

  private static JsonNode get(Isla.DataOption data, String path) throws IOException {
    return call(data, "GET", path);
  }

  private static JsonNode post(Isla.DataOption data, String path) throws IOException {
    return call(data, "POST", path);
  }

  private static JsonNode call(Isla.DataOption data, String method, String path)
      throws IOException {
    InstanceState state = InstanceState.readLive(data.dir()).orElseThrow(() ->
        new IllegalStateException("no instance is running for " + data.dir()));
    HttpURLConnection c = (HttpURLConnection) URI.create(state.adminUrl() + path).toURL()
        .openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(5000);
    c.setReadTimeout(30000);
    try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
