package dev.isla.controlplane.rp.privatedns;

import static dev.isla.controlplane.rp.network.NetworkFixture.NET;
import static dev.isla.controlplane.rp.network.NetworkFixture.assertError;
import static dev.isla.controlplane.rp.network.NetworkFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.rp.network.NetworkFixture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivateDnsIT {

  private static final String DNS = "?api-version=2024-06-01";

  private ArmTestServer server;
  private NetworkFixture net;
  private String zone;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    net = new NetworkFixture(server, "rg1").seed();
    zone = net.rg + "/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode zoneAndLink() {
    ok(server.put(zone + DNS, "{\"location\":\"global\"}"));
    return ok(server.put(zone + "/virtualNetworkLinks/MyDNSLink" + DNS, "{\"location\":\"global\",\"properties\":{"
        + "\"virtualNetwork\":{\"id\":\"" + net.vnet + "\"},\"registrationEnabled\":false}}"));
  }

  /** What az does for {@code record-set a add-record}: GET the set, append, PUT it back. */
  private JsonNode addRecord(String name, String address) {
    JsonNode set = ok(server.get(zone + "/A/" + name + DNS));
    ObjectNode props = (ObjectNode) set.path("properties");
    (props.has("aRecords") ? (com.fasterxml.jackson.databind.node.ArrayNode) props.get("aRecords")
        : props.putArray("aRecords")).addObject().put("ipv4Address", address);
    return ok(server.send("PUT", zone + "/A/" + name + DNS, set.toString(), "If-Match", set.path("etag").asText()));
  }

  @Test
  void seedZoneLinkAndRecordsForThePrivateEndpoint() {
    String registry = net.registry("myacr", "Premium");
    String pe = net.rg + "/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint";
    ArmTestServer.Reply creating = server.put(pe + NET, "{\"properties\":{\"subnet\":{\"id\":\"" + net.subnet("acr-subnet")
        + "\"},\"privateLinkServiceConnections\":[{\"name\":\"myConnection\",\"properties\":{\"privateLinkServiceId\":\""
        + registry + "\",\"groupIds\":[\"registry\"]}}]}}");
    server.await(creating.header("Azure-AsyncOperation"));
    String nicId = server.get(pe + NET).json().path("properties").path("networkInterfaces").get(0).path("id").asText();
    JsonNode configs = server.get(nicId + NET).json().path("properties").path("ipConfigurations");

    JsonNode created = ok(server.put(zone + DNS, "{\"location\":\"global\"}"));
    assertThat(created.path("location").asText()).isEqualTo("global");
    assertThat(created.path("etag").asText()).isNotBlank();
    assertThat(created.path("properties").path("numberOfRecordSets").asInt()).isEqualTo(1);
    JsonNode soa = ok(server.get(zone + "/SOA/@" + DNS));
    assertThat(soa.path("properties").path("fqdn").asText()).isEqualTo("privatelink.azurecr.io.");
    assertThat(soa.path("properties").path("soaRecord").path("host").asText()).isEqualTo("azureprivatedns.net");

    JsonNode link = ok(server.put(zone + "/virtualNetworkLinks/MyDNSLink" + DNS, "{\"location\":\"global\",\"properties\":{"
        + "\"virtualNetwork\":{\"id\":\"" + net.vnet + "\"},\"registrationEnabled\":false}}"));
    assertThat(link.path("properties").path("virtualNetworkLinkState").asText()).isEqualTo("Completed");
    assertThat(link.path("properties").path("resolutionPolicy").asText()).isEqualTo("Default");

    for (String name : List.of("myacr", "myacr.eastus.data")) {
      JsonNode empty = ok(server.send("PUT", zone + "/A/" + name + DNS, "{\"properties\":{\"ttl\":3600}}", "If-None-Match", "*"));
      assertThat(empty.path("properties").path("aRecords").isArray()).isTrue();
      assertThat(empty.path("properties").path("aRecords").size()).isZero();
    }
    addRecord("myacr", configs.get(0).path("properties").path("privateIPAddress").asText());
    JsonNode data = addRecord("myacr.eastus.data", configs.get(1).path("properties").path("privateIPAddress").asText());
    assertThat(data.path("type").asText()).isEqualTo("Microsoft.Network/privateDnsZones/A");
    assertThat(data.path("properties").path("fqdn").asText()).isEqualTo("myacr.eastus.data.privatelink.azurecr.io.");
    assertThat(data.path("properties").path("ttl").asInt()).isEqualTo(3600);
    assertThat(data.path("properties").path("isAutoRegistered").asBoolean(true)).isFalse();
    assertThat(data.path("properties").path("aRecords").toString()).isEqualTo("[{\"ipv4Address\":\"192.168.2.5\"}]");

    JsonNode shown = ok(server.get(zone + DNS)).path("properties");
    assertThat(shown.path("numberOfRecordSets").asInt()).isEqualTo(3);
    assertThat(shown.path("numberOfVirtualNetworkLinks").asInt()).isEqualTo(1);
    assertThat(shown.path("numberOfVirtualNetworkLinksWithRegistration").asInt()).isZero();
    assertThat(shown.path("maxNumberOfRecordSets").asInt()).isEqualTo(25000);
    assertThat(shown.path("maxNumberOfVirtualNetworkLinks").asInt()).isEqualTo(1000);
    assertThat(shown.path("maxNumberOfVirtualNetworkLinksWithRegistration").asInt()).isEqualTo(100);
    assertThat(shown.path("internalId").asText()).isNotBlank();
    assertThat(server.get(zone + "/A" + DNS).json().path("value").size()).isEqualTo(2);

    List<PrivateDnsView.LinkedZone> seen = PrivateDnsView.zonesLinkedTo(server.controlPlane().arm().store(),
        ResourceId.parse(net.vnet));
    assertThat(seen).hasSize(1);
    assertThat(seen.getFirst().name()).isEqualTo("privatelink.azurecr.io");
    assertThat(seen.getFirst().recordSets(RecordType.A))
        .extracting(r -> r.fqdn() + "=" + r.values() + "/" + r.ttl())
        .containsExactly("myacr.privatelink.azurecr.io=[192.168.2.4]/3600",
            "myacr.eastus.data.privatelink.azurecr.io=[192.168.2.5]/3600");
    assertThat(PrivateDnsView.zonesLinkedTo(server.controlPlane().arm().store(),
        ResourceId.parse(net.rg + "/providers/Microsoft.Network/virtualNetworks/other"))).isEmpty();
  }

  @Test
  void zoneNamesAndLocationAreChecked() {
    String base = net.rg + "/providers/Microsoft.Network/privateDnsZones/";
    assertError(server.put(base + "localhost" + DNS, "{\"location\":\"global\"}"), 400, "BadRequest", "at least two labels");
    assertError(server.put(base + "-bad.com" + DNS, "{\"location\":\"global\"}"), 400, "BadRequest", "label '-bad'");
    assertError(server.put(base + "a..com" + DNS, "{\"location\":\"global\"}"), 400, "BadRequest", "not a valid DNS name");
    assertError(server.put(zone + DNS, "{\"location\":\"eastus\"}"), 400, "LocationNotAvailableForResourceType", "global");
    assertThat(server.get(zone + DNS).status()).isEqualTo(404);
    assertThat(server.get(base + "localhost" + DNS).status()).isEqualTo(404);
    assertThat(ok(server.put(zone + DNS, "{}")).path("location").asText()).isEqualTo("global");
  }

  @Test
  void linksNeedAnExistingNetworkOncePerZone() {
    zoneAndLink();
    JsonNode before = net.snapshot(zone);
    assertError(server.put(zone + "/virtualNetworkLinks/l2" + DNS, "{\"properties\":{\"virtualNetwork\":{\"id\":\""
        + net.vnet + "x\"},\"registrationEnabled\":false}}"), 400, "BadRequest", "Virtual network resource not found");
    assertError(server.put(zone + "/virtualNetworkLinks/l2" + DNS, "{\"properties\":{\"virtualNetwork\":{\"id\":\""
        + net.vnet + "\"},\"registrationEnabled\":false}}"), 409, "Conflict", "already linked");
    assertError(server.put(zone + "/virtualNetworkLinks/MyDNSLink" + DNS, "{\"properties\":{\"virtualNetwork\":{\"id\":\""
        + net.vnet + "\"},\"resolutionPolicy\":\"Sometimes\"}}"), 400, "BadRequest", "resolutionPolicy");
    assertThat(server.get(zone + "/virtualNetworkLinks/l2" + DNS).status()).isEqualTo(404);
    assertThat(net.snapshot(zone)).isEqualTo(before);
    JsonNode updated = ok(server.put(zone + "/virtualNetworkLinks/MyDNSLink" + DNS, "{\"properties\":{\"virtualNetwork\":{\"id\":\""
        + net.vnet + "\"},\"registrationEnabled\":true,\"resolutionPolicy\":\"NxDomainRedirect\"}}"));
    assertThat(updated.path("properties").path("resolutionPolicy").asText()).isEqualTo("NxDomainRedirect");
    assertThat(ok(server.get(zone + DNS)).path("properties").path("numberOfVirtualNetworkLinksWithRegistration").asInt())
        .isEqualTo(1);
    String other = net.rg + "/providers/Microsoft.Network/privateDnsZones/contoso.internal";
    ok(server.put(other + DNS, "{}"));
    assertError(server.put(other + "/virtualNetworkLinks/l" + DNS, "{\"properties\":{\"virtualNetwork\":{\"id\":\""
        + net.vnet + "\"},\"registrationEnabled\":true}}"), 409, "Conflict", "auto-registration");
  }

  @Test
  void recordsAreValidatedAndRefusalsChangeNothing() {
    zoneAndLink();
    ok(server.put(zone + "/A/myacr" + DNS, "{\"properties\":{\"aRecords\":[{\"ipv4Address\":\"192.168.2.4\"}]}}"));
    JsonNode before = net.snapshot(zone + "/A/myacr");
    assertError(server.put(zone + "/A/myacr" + DNS, "{\"properties\":{\"aRecords\":[{\"ipv4Address\":\"192.168.2.400\"}]}}"),
        400, "BadRequest", "192.168.2.400");
    assertError(server.put(zone + "/A/myacr" + DNS, "{\"properties\":{\"aRecords\":[{\"ipv4Address\":\"192.168.2.4\"},"
        + "{\"ipv4Address\":\"192.168.2.4\"}]}}"), 400, "BadRequest",
        "The list of record sets of type 'A' may not contain multiple entries with the same 'ipv4Address'.");
    assertError(server.put(zone + "/A/myacr" + DNS, "{\"properties\":{\"ttl\":-1}}"), 400, "BadRequest", "ttl");
    assertError(server.put(zone + "/A/bad..name" + DNS, "{\"properties\":{}}"), 400, "BadRequest", "not a valid DNS name");
    assertError(server.put(zone + "/CNAME/myacr" + DNS, "{\"properties\":{\"cnameRecord\":{\"cname\":\"x.example.com\"}}}"),
        409, "Conflict", "CNAME");
    assertError(server.put(zone + "/CNAME/@" + DNS, "{\"properties\":{\"cnameRecord\":{\"cname\":\"x.example.com\"}}}"),
        400, "BadRequest", "apex");
    assertThat(net.snapshot(zone + "/A/myacr")).isEqualTo(before);
    assertThat(ok(server.get(zone + DNS)).path("properties").path("numberOfRecordSets").asInt()).isEqualTo(2);

    JsonNode apex = ok(server.put(zone + "/A/@" + DNS, "{\"properties\":{\"ttl\":10,\"aRecords\":[{\"ipv4Address\":\"10.0.0.1\"}]}}"));
    assertThat(apex.path("properties").path("fqdn").asText()).isEqualTo("privatelink.azurecr.io.");
    JsonNode cname = ok(server.put(zone + "/CNAME/www" + DNS, "{\"properties\":{\"cnameRecord\":{\"cname\":\"myacr.privatelink.azurecr.io\"}}}"));
    assertThat(cname.path("properties").path("cnameRecord").path("cname").asText()).isEqualTo("myacr.privatelink.azurecr.io");
    JsonNode txt = ok(server.put(zone + "/TXT/info" + DNS, "{\"properties\":{\"txtRecords\":[{\"value\":[\"a\",\"b\"]}]}}"));
    assertThat(txt.path("properties").path("txtRecords").get(0).path("value").size()).isEqualTo(2);
    JsonNode aaaa = ok(server.put(zone + "/AAAA/v6" + DNS, "{\"properties\":{\"aaaaRecords\":[{\"ipv6Address\":\"fd00::4\"}]}}"));
    assertThat(aaaa.path("properties").path("aaaaRecords").get(0).path("ipv6Address").asText()).isEqualTo("fd00:0:0:0:0:0:0:4");
  }

  @Test
  void soaRecordSetIsTheZonesOwn() {
    ok(server.put(zone + DNS, "{}"));
    assertError(server.send("DELETE", zone + "/SOA/@" + DNS, null), 400, "BadRequest", "cannot be deleted");
    assertError(server.put(zone + "/SOA/other" + DNS, "{\"properties\":{}}"), 400, "BadRequest", "exactly one SOA");
    JsonNode updated = ok(server.put(zone + "/SOA/@" + DNS, "{\"properties\":{\"ttl\":60,\"soaRecord\":{\"host\":\"evil\",\"refreshTime\":100}}}"));
    assertThat(updated.path("properties").path("ttl").asInt()).isEqualTo(60);
    assertThat(updated.path("properties").path("soaRecord").path("refreshTime").asInt()).isEqualTo(100);
    assertThat(updated.path("properties").path("soaRecord").path("host").asText()).isEqualTo("azureprivatedns.net");
  }

  @Test
  void aZoneWithLinksCannotBeDeletedOtherwiseItTakesItsRecordSets() {
    zoneAndLink();
    ok(server.put(zone + "/A/myacr" + DNS, "{\"properties\":{\"aRecords\":[{\"ipv4Address\":\"192.168.2.4\"}]}}"));
    JsonNode before = net.snapshot(zone);
    assertError(server.send("DELETE", zone + DNS, null), 409, "Conflict", "MyDNSLink");
    assertThat(net.snapshot(zone)).isEqualTo(before);
    assertThat(server.send("DELETE", zone + "/virtualNetworkLinks/MyDNSLink" + DNS, null).status()).isEqualTo(200);
    assertThat(server.send("DELETE", zone + DNS, null).status()).isEqualTo(200);
    assertThat(server.get(zone + "/A/myacr" + DNS).status()).isEqualTo(404);
    assertThat(server.controlPlane().arm().store().list(dev.isla.controlplane.store.ResourceQuery.all()
        .withUnder(ResourceId.parse(zone)))).isEmpty();
  }
}
