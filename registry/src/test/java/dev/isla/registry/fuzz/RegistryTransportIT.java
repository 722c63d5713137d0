package dev.isla.registry.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isla.fuzz.RawHttp;
import dev.isla.registry.Oci;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What reaches the registry listener below the registry API: request targets that are no URI,
 * over-long request lines and headers, {@code Connection: close}, clients that send slowly. Each
 * is answered in the spec's error format, and nothing stored changes.
 */
class RegistryTransportIT {

  static Path root;
  static RegistryFixture fixture;
  static RawHttp http;

  @BeforeAll
  static void start() throws IOException {
    root = Files.createTempDirectory("isla-registry-transport");
    fixture = new RegistryFixture(new FilesystemDriver(root));
    http = new RawHttp(fixture.server.port(), RegistryFixture.LOGIN_SERVER);
    Oci.pushImage(fixture.client, "hi/img", "v1", 2);
  }

  @AfterAll
  static void stop() throws IOException {
    fixture.close();
    try (var walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A refusal in the spec's format that says it closes, does close, and stores nothing. */
  static JsonNode refusedAndClosed(byte[] request, int... statuses) throws IOException {
    StorageSnapshot before = StorageSnapshot.of(root);
    RawHttp.Response response = http.sendAndAwaitClose(request);
    String what = new String(request, 0, Math.min(80, request.length), StandardCharsets.ISO_8859_1);
    assertThat(response.status()).as(what + " -> " + response.text()).isIn(toObjects(statuses));
    assertThat(response.headers().get("content-type")).as(what).startsWith("application/json");
    JsonNode error = new ObjectMapper().readTree(response.body()).path("errors").path(0);
    assertThat(error.path("code").asText()).as(what).isNotBlank();
    assertThat(error.path("message").asText()).as(what).isNotBlank();
    assertThat(response.text()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(response.headers().get("connection")).as(what).isEqualToIgnoringCase("close");
    assertThat(response.closed()).as(what + ": closed after the answer").isTrue();
    assertThat(StorageSnapshot.of(root)).isEqualTo(before);
    return error;
  }

  private static Integer[] toObjects(int[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
  }

  static byte[] raw(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aTargetThatIsNoUriIsAnOciError() throws IOException {
    String[] targets = {"/v2/hi\\..\\img/manifests/v1", "/v2/hi/img\u0000/manifests/v1",
        "/v2/hi/%zz/manifests/v1", "/v2/hi/img/manifests/v1%", "/v2/hi/img/tags/list?n=%G1",
        "/v2/hi/img/manifests/v1 x"};
    for (String target : targets) {
      for (String method : new String[] {"GET", "PUT", "DELETE"}) {
        refusedAndClosed(raw(method + " " + target + " HTTP/1.1\r\nHost: "
            + RegistryFixture.LOGIN_SERVER + "\r\nContent-Length: 2\r\n\r\n{}"), 400, 404);
      }
    }
  }

  @Test
  void anOverlongRequestLineOrHeaderIsAnOciError() throws IOException {
    String host = "Host: " + RegistryFixture.LOGIN_SERVER + "\r\n";
    refusedAndClosed(raw("GET /v2/hi/img/manifests/" + "a".repeat(70_000) + " HTTP/1.1\r\n" + host
        + "\r\n"), 400, 414);
    refusedAndClosed(raw("GET /v2/ HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(70_000)
        + "\r\n\r\n"), 400, 431);
    StringBuilder many = new StringBuilder("GET /v2/ HTTP/1.1\r\n").append(host);
    for (int i = 0; i < 2_000; i++) {
      many.append("X-H").append(i).append(": ").append("c".repeat(40)).append("\r\n");
    }
    refusedAndClosed(raw(many.append("\r\n").toString()), 400, 431);
  }

  @Test
  void connectionCloseIsHonouredOnAnswersAndErrors() {
    for (String target : new String[] {"/v2/", "/v2/hi/img/manifests/v1", "/v2/hi/img/tags/list",
        "/v2/hi/img/manifests/nope", "/v2/no/such/blobs/sha256:" + "0".repeat(64)}) {
      for (String method : new String[] {"GET", "HEAD"}) {
        RawHttp.Response response = http.sendAndAwaitClose(
            http.request(method, target, Map.of("Accept", Oci.OCI_MANIFEST), new byte[0]));
        assertThat(response.status()).as(method + " " + target).isIn(200, 404);
        assertThat(response.closed()).as(method + " " + target + " closed").isTrue();
      }
    }
  }

  @Test
  void withoutConnectionCloseTheConnectionIsReused() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", fixture.server.port())) {
      socket.setSoTimeout(10_000);
      String request = "GET /v2/ HTTP/1.1\r\nHost: " + RegistryFixture.LOGIN_SERVER + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 3; i++) {
        out.write(raw(request));
        out.flush();
        String head = readHead(socket);
        assertThat(head).as("request " + i).startsWith("HTTP/1.1 200");
        int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        socket.getInputStream().readNBytes(length);
      }
    }
  }

  /**
   * Slowloris: clients that send a header byte per second hold a connection each, not the
   * server — others are answered at once meanwhile, and a slow client still gets its answer.
   */
  @Test
  void clientsSendingAByteASecondDoNotHoldUpOthers() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Socket socket = new Socket("127.0.0.1", fixture.server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(raw("GET /v2/ HTTP/1.1\r\nHost: "
            + RegistryFixture.LOGIN_SERVER + "\r\nX-Slow: "));
        slow.add(socket);
      }
      for (int second = 0; second < 3; second++) {
        for (Socket socket : slow) {
          socket.getOutputStream().write('z');
          socket.getOutputStream().flush();
        }
        long start = System.nanoTime();
        assertThat(http.send("GET", "/v2/hi/img/tags/list", Map.of(), new byte[0]).status())
            .isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        Thread.sleep(1_000);
      }
      Socket first = slow.getFirst();
      first.getOutputStream().write(raw("\r\n\r\n"));
      first.getOutputStream().flush();
      assertThat(readHead(first)).startsWith("HTTP/1.1 200");
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
