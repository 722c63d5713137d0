package dev.isla.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.Oci;
import dev.isla.registry.RegistryFixture;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.driver.FilesystemDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sendfile path for committed blobs: present with this Helidon (a Helidon upgrade that
 * removes what it reaches fails here instead of silently falling back to the heap copy), and
 * exact on the wire: whole bodies and ranges, several responses on one keep-alive connection,
 * and a client that reads only after the socket buffers filled up.
 */
class ZeroCopySendIT {

  private static final int SIZE = 8 * 1024 * 1024 + 123;

  @TempDir
  Path root;

  RegistryFixture fixture;
  byte[] blob = Oci.random(SIZE, 11);
  String path = "/v2/zero/copy/blobs/" + Digest.sha256(blob);

  @BeforeEach
  void start() {
    fixture = new RegistryFixture(new FilesystemDriver(root));
    Oci.pushBlob(fixture.client, "zero/copy", blob);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void thisHelidonExposesTheConnectionChannel() {
    assertThat(ZeroCopySend.available()).isPresent();
  }

  @Test
  void bodiesAndRangesAreExactOnOneKeepAliveConnection() throws IOException {
    long before = ZeroCopySend.bodiesSent();
    try (Socket socket = new Socket("127.0.0.1", fixture.server.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (String range : new String[] {"", "bytes=1000-", "bytes=5-5", ""}) {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + RegistryFixture.LOGIN_SERVER + "\r\n"
            + (range.isEmpty() ? "" : "Range: " + range + "\r\n") + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] body = readResponse(in);
        byte[] expected = switch (range) {
          case "bytes=1000-" -> Arrays.copyOfRange(blob, 1000, SIZE);
          case "bytes=5-5" -> Arrays.copyOfRange(blob, 5, 6);
          default -> blob;
        };
        assertThat(body).as("body for Range '%s'", range).isEqualTo(expected);
      }
    }
    assertThat(ZeroCopySend.bodiesSent() - before).as("bodies sent with sendfile").isEqualTo(4);
  }

  @Test
  void aClientThatReadsLateStillGetsEveryByte() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fixture.server.port())) {
      socket.setReceiveBufferSize(16 * 1024);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: "
          + RegistryFixture.LOGIN_SERVER + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(500);
      assertThat(readResponse(socket.getInputStream())).isEqualTo(blob);
    }
  }

  /** Reads one HTTP/1.1 response with a Content-Length body; returns the body. */
  private static byte[] readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("response head ended early: %s", head).isNotNegative();
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    assertThat(headers).matches("(?s)HTTP/1\\.1 20[06] .*");
    long length = headers.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
        .mapToLong(l -> Long.parseLong(l.substring(15).trim())).findFirst().orElseThrow();
    return in.readNBytes((int) length);
  }
}
