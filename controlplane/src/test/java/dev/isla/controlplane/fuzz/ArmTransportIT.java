package dev.isla.controlplane.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.fuzz.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What reaches the ARM listener below ARM: request targets that are no URI, over-long request
 * lines and headers, {@code Connection: close}, clients that send slowly. Each refusal is an ARM
 * error body that says it closes the connection and does; nothing stored changes.
 */
class ArmTransportIT {

  static ArmTestServer server;
  static RawHttp http;
  static String rg;

  @BeforeAll
  static void start() {
    server = new ArmTestServer();
    http = new RawHttp(URI.create(server.baseUrl()).getPort(), "127.0.0.1");
    rg = "/subscriptions/" + server.subscription() + "/resourceGroups/tr";
    server.put(rg + "?" + ArmTestServer.API, "{\"location\":\"eastus\"}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] raw(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static JsonNode refusedAndClosed(byte[] request, Integer... statuses) {
    var before = ArmHostileInputIT.snapshotOf(server);
    RawHttp.Response response = http.sendAndAwaitClose(request);
    String what = new String(request, 0, Math.min(80, request.length), StandardCharsets.ISO_8859_1);
    assertThat(response.status()).as(what + " -> " + response.text()).isIn((Object[]) statuses);
    assertThat(response.headers().get("content-type")).as(what).startsWith("application/json");
    JsonNode error = Json.parse(response.text()).path("error");
    assertThat(error.path("code").asText()).as(what).isNotBlank();
    assertThat(error.path("message").asText()).as(what).isNotBlank();
    assertThat(response.text()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(response.headers().get("connection")).as(what).isEqualToIgnoringCase("close");
    assertThat(response.closed()).as(what + ": closed after the answer").isTrue();
    assertThat(ArmHostileInputIT.snapshotOf(server)).isEqualTo(before);
    return error;
  }

  @Test
  void aTargetThatIsNoUriIsAnArmError() {
    String vnet = rg + "/providers/Microsoft.Network/virtualNetworks/v";
    for (String target : new String[] {vnet + "\\..\\x?api-version=2025-05-01",
        vnet + "\u0000?api-version=2025-05-01", vnet + "%zz?api-version=2025-05-01",
        vnet + "?api-version=2025-05-01%", vnet + "?api-version=2025-05-01 x"}) {
      refusedAndClosed(raw("PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"location\":\"eastus\"}"),
          400);
    }
  }

  @Test
  void anOverlongRequestLineOrHeaderIsAnArmError() {
    refusedAndClosed(raw("GET " + rg + "?api-version=" + "9".repeat(70_000)
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 400, 414);
    refusedAndClosed(raw("GET " + rg + "?" + ArmTestServer.API + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer " + "b".repeat(70_000) + "\r\n\r\n"), 400, 431);
    StringBuilder many = new StringBuilder("GET " + rg + "?" + ArmTestServer.API
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; i < 2_000; i++) {
      many.append("X-H").append(i).append(": ").append("c".repeat(40)).append("\r\n");
    }
    refusedAndClosed(raw(many.append("\r\n").toString()), 400, 431);
  }

  @Test
  void connectionCloseIsHonouredOnAnswersAndErrors() {
    String body = "{\"location\":\"eastus\"}";
    String[][] requests = {{"GET", rg + "?" + ArmTestServer.API, ""},
        {"GET", rg + "/providers/Microsoft.Network/virtualNetworks/none?api-version=2025-05-01", ""},
        {"PUT", "/subscriptions/" + server.subscription() + "/resourceGroups/closing?"
            + ArmTestServer.API, body},
        {"PUT", rg + "/providers/Microsoft.Network/virtualNetworks/v?api-version=2025-05-01", "{"},
        {"HEAD", rg + "?" + ArmTestServer.API, ""}, {"GET", "/metadata/endpoints?api-version=2022-09-01", ""}};
    for (String[] r : requests) {
      RawHttp.Response response = http.sendAndAwaitClose(http.request(r[0], r[1],
          Map.of("Content-Type", "application/json"), r[2].getBytes(StandardCharsets.UTF_8)));
      assertThat(response.status()).as(r[0] + " " + r[1]).isIn(200, 201, 400, 404);
      assertThat(response.closed()).as(r[0] + " " + r[1] + " closed").isTrue();
    }
  }

  @Test
  void withoutConnectionCloseTheConnectionIsReused() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", URI.create(server.baseUrl()).getPort())) {
      socket.setSoTimeout(10_000);
      for (int i = 0; i < 3; i++) {
        socket.getOutputStream().write(raw("GET " + rg + "?" + ArmTestServer.API
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        String head = readHead(socket);
        assertThat(head).as("request " + i).startsWith("HTTP/1.1 200");
        socket.getInputStream().readNBytes(Integer.parseInt(
            head.replaceAll("(?is).*content-length: *(\\d+).*", "$1")));
      }
    }
  }

  /** Slowloris: 50 clients sending a header byte a second hold no one else up. */
  @Test
  void clientsSendingAByteASecondDoNotHoldUpOthers() throws Exception {
    List<Socket> slow = new ArrayList<>();
    int port = URI.create(server.baseUrl()).getPort();
    try {
      for (int i = 0; i < 50; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(raw("GET " + rg + "?" + ArmTestServer.API
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
        slow.add(socket);
      }
      for (int second = 0; second < 3; second++) {
        for (Socket socket : slow) {
          socket.getOutputStream().write('z');
          socket.getOutputStream().flush();
        }
        long start = System.nanoTime();
        assertThat(server.get(rg + "?" + ArmTestServer.API).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        Thread.sleep(1_000);
      }
      slow.getFirst().getOutputStream().write(raw("\r\n\r\n"));
      assertThat(readHead(slow.getFirst())).startsWith("HTTP/1.1 200");
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  private static String readHead(Socket socket) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = socket.getInputStream().read();
      if (b < 0) {
        throw new IllegalStateException("connection closed after: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
