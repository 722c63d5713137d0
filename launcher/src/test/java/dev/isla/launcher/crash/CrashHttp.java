package dev.isla.launcher.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The workload's HTTP client, over real sockets to the server process: ARM requests in az's
 * shape and registry requests with the registry's {@code Host} (virtual hosting on the
 * registry listener). A request the dying server never answered throws {@link IOException}:
 * the caller then knows it was not acknowledged.
 */
final class CrashHttp {

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private volatile String armBase;

  /** An answer: status, headers and body bytes. */
  record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      return body.length == 0 ? Json.object() : Json.parse(text());
    }

    String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  /** Sends {@code method url} with header name/value pairs; {@code body} may be null. */
  Reply send(String method, String url, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), r.headers(), r.body());
  }

  /**
   * Points ARM requests at a restarted server: the ledger keeps the URLs (resources, operation
   * status) of earlier processes, whose ports are gone; only the authority changes.
   */
  void armBase(String base) {
    armBase = base;
  }

  /** An ARM request with a JSON body (or none), sent to the current server. */
  Reply arm(String method, String original, String json) throws IOException, InterruptedException {
    String url = armBase == null ? original : original.replaceFirst("^https?://[^/]+", armBase);
    return json == null ? send(method, url, null)
        : send(method, url, json.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
  }
}
