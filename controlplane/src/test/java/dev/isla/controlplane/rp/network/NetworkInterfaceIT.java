package dev.isla.controlplane.rp.network;

import static dev.isla.controlplane.rp.network.NetworkFixture.NET;
import static dev.isla.controlplane.rp.network.NetworkFixture.assertError;
import static dev.isla.controlplane.rp.network.NetworkFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.ArmTestServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkInterfaceIT {

  private ArmTestServer server;
  private NetworkFixture net;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    net = new NetworkFixture(server, "rg1").seed();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String nic(String name) {
    return net.rg + "/providers/Microsoft.Network/networkInterfaces/" + name;
  }

  private String config(String name, String subnet, String address) {
    return "{\"name\":\"" + name + "\",\"properties\":{\"subnet\":{\"id\":\"" + net.subnet(subnet) + "\"}"
        + (address == null ? "" : ",\"privateIPAllocationMethod\":\"Static\",\"privateIPAddress\":\"" + address + "\"")
        + "}}";
  }

  private ArmTestServer.Reply put(String name, String... configs) {
    return server.put(nic(name) + NET, "{\"properties\":{\"ipConfigurations\":[" + String.join(",", configs) + "]}}");
  }

  @Test
  void dynamicAddressesAreLowestFreeAndStableAcrossUpdates() {
    JsonNode first = ok(put("nic1", config("ipconfig1", "aks-subnet", null)));
    JsonNode c = first.path("properties").path("ipConfigurations").get(0);
    assertThat(c.path("id").asText()).isEqualTo(nic("nic1") + "/ipConfigurations/ipconfig1");
    assertThat(c.path("type").asText()).isEqualTo("Microsoft.Network/networkInterfaces/ipConfigurations");
    assertThat(c.path("properties").path("privateIPAddress").asText()).isEqualTo("192.168.1.4");
    assertThat(c.path("properties").path("privateIPAllocationMethod").asText()).isEqualTo("Dynamic");
    assertThat(c.path("properties").path("primary").asBoolean()).isTrue();
    assertThat(c.path("properties").path("privateIPAddressVersion").asText()).isEqualTo("IPv4");
    assertThat(first.path("properties").path("nicType").asText()).isEqualTo("Standard");
    assertThat(first.path("properties").path("enableAcceleratedNetworking").asBoolean(true)).isFalse();
    assertThat(first.path("etag").asText()).isNotBlank();
    assertThat(first.path("location").asText()).isEqualTo("eastus");

    ok(put("nic2", config("a", "aks-subnet", "192.168.1.5"), config("b", "aks-subnet", null)));
    JsonNode nic2 = ok(server.get(nic("nic2") + NET));
    assertThat(nic2.path("properties").path("ipConfigurations").findValuesAsText("privateIPAddress"))
        .containsExactly("192.168.1.5", "192.168.1.6");
    assertThat(server.send("DELETE", nic("nic1") + NET, null).status()).isEqualTo(200);
    JsonNode updated = ok(put("nic2", config("a", "aks-subnet", "192.168.1.5"), config("b", "aks-subnet", null),
        config("c", "aks-subnet", null)));
    assertThat(updated.path("properties").path("ipConfigurations").findValuesAsText("privateIPAddress"))
        .containsExactly("192.168.1.5", "192.168.1.6", "192.168.1.4");
  }

  @Test
  void staticAddressesMustBeInsideFreeAndNotReserved() {
    ok(put("taken", config("ipconfig1", "aks-subnet", "192.168.1.10")));
    JsonNode before = net.snapshot(net.subnet("aks-subnet"));
    assertError(put("nic", config("c", "aks-subnet", "192.168.2.10")), 400, "PrivateIPAddressNotInSubnet",
        "Private static IP address 192.168.2.10 does not belong to the range of subnet prefix 192.168.1.0/24.");
    assertError(put("nic", config("c", "aks-subnet", "192.168.1.3")), 400, "PrivateIPAddressInReservedRange",
        "192.168.1.3");
    assertError(put("nic", config("c", "aks-subnet", "192.168.1.255")), 400, "PrivateIPAddressInReservedRange",
        "192.168.1.255");
    assertError(put("nic", config("c", "aks-subnet", "192.168.1.10")), 400, "PrivateIPAddressInUse",
        "IP configuration c is using the private IP address 192.168.1.10 which is already allocated to resource "
            + nic("taken") + "/ipConfigurations/ipconfig1.");
    assertError(put("nic", config("c", "aks-subnet", "192.168.1.300")), 400, "InvalidIPAddress", "192.168.1.300");
    assertError(put("nic", config("c", "nope", null)), 400, "InvalidResourceReference", net.subnet("nope"));
    assertError(put("nic"), 400, "InvalidRequestFormat", "at least one ip configuration");
    assertError(put("nic", config("c", "aks-subnet", null), config("c", "aks-subnet", null)), 400,
        "InvalidRequestFormat", "two ip configurations named c");
    assertThat(server.get(nic("nic") + NET).status()).isEqualTo(404);
    assertThat(net.snapshot(net.subnet("aks-subnet"))).isEqualTo(before);
  }

  @Test
  void reservationsShareTheSubnetWithInterfaces() {
    ResourceId subnet = ResourceId.parse(net.subnet("aks-subnet"));
    ResourceId owner = ResourceId.parse(net.rg + "/providers/Microsoft.Compute/virtualMachineScaleSets/pool/virtualMachines/0");
    List<Ipv4Address> reserved = server.controlPlane().arm().store().transaction(
        tx -> AddressPlan.reserve(tx, subnet, owner, 2));
    assertThat(reserved).extracting(Ipv4Address::toString).containsExactly("192.168.1.4", "192.168.1.5");
    JsonNode nic = ok(put("nic1", config("ipconfig1", "aks-subnet", null)));
    assertThat(nic.path("properties").path("ipConfigurations").get(0).path("properties").path("privateIPAddress")
        .asText()).isEqualTo("192.168.1.6");
    assertError(put("nic2", config("c", "aks-subnet", "192.168.1.5")), 400, "PrivateIPAddressInUse", owner.toString());
    assertError(server.send("DELETE", net.subnet("aks-subnet") + NET, null), 400, "InUseSubnetCannotBeDeleted",
        "aks-subnet");

    server.controlPlane().arm().store().transaction(tx -> {
      AddressPlan.release(tx, owner);
      return null;
    });
    assertThat(ok(put("nic2", config("c", "aks-subnet", null))).path("properties").path("ipConfigurations")
        .get(0).path("properties").path("privateIPAddress").asText()).isEqualTo("192.168.1.4");
  }

  @Test
  void aSubnetCannotShrinkAwayFromAnAddressInUse() {
    ok(put("nic1", config("ipconfig1", "aks-subnet", "192.168.1.200")));
    JsonNode before = net.snapshot(net.subnet("aks-subnet"));
    assertError(server.put(net.subnet("aks-subnet") + NET, "{\"properties\":{\"addressPrefix\":\"192.168.1.0/25\"}}"),
        400, "InUseSubnetCannotBeUpdated", "192.168.1.200");
    assertThat(net.snapshot(net.subnet("aks-subnet"))).isEqualTo(before);
  }
}
