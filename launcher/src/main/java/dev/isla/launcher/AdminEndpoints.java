package dev.isla.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.fabric.Fabric;
import dev.isla.fabric.Refusal;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The operator's view into a running instance, for the {@code isla} command on the same machine
 * (loopback only; its URL is in the state file). Not an Azure API:
 *
 * <ul>
 *   <li>{@code GET /admin/fabric/refusals}: the fabric's recent refusals, newest last;
 *   <li>{@code GET /admin/dns/views}: each VNet (id, name) with the loopback address its Azure DNS
 *       view answers on, bound on request ({@code ?vnet=NAME|ID}) when no node bound it yet;
 *   <li>{@code GET /admin/mcr/requests}: the requests the MCR stand-in served since it started,
 *       {@code {"GET /v2/…/blobs/sha256:…": n, …}} (what the registries asked upstream);
 *   <li>{@code POST /admin/mcr/stop} and {@code /admin/mcr/start}: takes the MCR stand-in off
 *       the simulated internet and back (same port), to see what a cache rule does with its
 *       upstream down.
 * </ul>
 */
final class AdminEndpoints implements AutoCloseable {

  private final WebServer server;

  AdminEndpoints(String host, IslaDataPlane dataPlane, ResourceStore store) {
    this.server = WebServer.builder().host(host).port(0).routing(r -> r
        .get("/admin/fabric/refusals", (req, res) -> json(res, refusals(dataPlane.fabric())))
        .get("/admin/dns/views", (req, res) -> json(res,
            views(dataPlane, store, req.query().first("vnet").asOptional())))
        .get("/admin/mcr/requests", (req, res) -> {
          ObjectNode counts = Json.object();
          dataPlane.mcrRequests().forEach(counts::put);
          json(res, counts);
        })
        .post("/admin/mcr/stop", (req, res) -> {
          dataPlane.stopMcr();
          json(res, Json.object().put("mcr", "stopped"));
        })
        .post("/admin/mcr/start", (req, res) -> {
          dataPlane.startMcr();
          json(res, Json.object().put("mcr", "serving"));
        })).build().start();
  }

  int port() {
    return server.port();
  }

  private static ArrayNode refusals(Fabric fabric) {
    ArrayNode out = Json.array();
    for (Refusal r : fabric.refusals().recent()) {
      out.add(Json.object().put("at", r.at().toString()).put("refusal", r.toString()));
    }
    return out;
  }

  private static ObjectNode views(IslaDataPlane dataPlane, ResourceStore store,
      java.util.Optional<String> wanted) {
    ObjectNode out = Json.object();
    out.put("port", dataPlane.dnsAddress().getPort());
    out.put("public", dataPlane.dnsAddress().getAddress().getHostAddress());
    ArrayNode vnets = out.putArray("vnets");
    List<ResourceId> all = store.list(ResourceQuery.ofType(ResourceTypes.VIRTUAL_NETWORKS.key()))
        .stream().map(v -> v.id()).toList();
    for (ResourceId vnet : all) {
      boolean asked = wanted.map(w -> w.equalsIgnoreCase(vnet.name())
          || w.toLowerCase(Locale.ROOT).equals(vnet.key())).orElse(false);
      if (asked) {
        dataPlane.resolvers().ensure(vnet);
      }
      ObjectNode v = vnets.addObject().put("id", vnet.toString()).put("name", vnet.name());
      dataPlane.resolvers().addressOf(vnet)
          .ifPresent(a -> v.put("address", a.getHostAddress()));
    }
    return out;
  }

  private static void json(ServerResponse res, com.fasterxml.jackson.databind.JsonNode body) {
    res.status(Status.OK_200);
    res.header("Content-Type", "application/json");
    res.send(Json.pretty(body).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop();
  }
}
