package dev.isla.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.controlplane.arm.ArmSettings;
import dev.isla.controlplane.port.DataPlane;
import dev.isla.controlplane.store.MemoryResourceStore;
import dev.isla.controlplane.store.ResourceStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * The control plane in-process on a free loopback port, with a plain HTTP client for tests of
 * this and other modules (shipped in the controlplane test-jar).
 */
public final class ArmTestServer implements AutoCloseable {

  /** The api-version tests send when the type does not matter. */
  public static final String API = "api-version=2024-11-01";

  private final ControlPlane controlPlane;
  private final HttpClient http = HttpClient.newHttpClient();

  public ArmTestServer() {
    this(new MemoryResourceStore(), fast());
  }

  public ArmTestServer(ResourceStore store, ArmSettings settings) {
    this(store, settings, DataPlane.inProcess());
  }

  public ArmTestServer(ResourceStore store, ArmSettings settings, DataPlane dataPlane) {
    this.controlPlane = new ControlPlane(store, settings, Clock.systemUTC(), "127.0.0.1", 0, dataPlane);
  }

  /** Defaults with very short delays so tests don't wait. */
  public static ArmSettings fast() {
    return ArmSettings.defaults().withOperationDelay(Duration.ofMillis(20))
        .withFeatureRegistrationDelay(Duration.ofMillis(50));
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + controlPlane.port();
  }

  public String subscription() {
    return controlPlane.arm().settings().subscriptionId();
  }

  /** A response: status, headers and parsed body (missing node when empty). */
  public record Reply(int status, java.net.http.HttpHeaders headers, String text) {
    public JsonNode json() {
      return text.isBlank() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : Json.parse(text);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  /** Sends {@code method path} (path relative to the endpoint, may contain the query). */
  public Reply send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl() + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply put(String path, String body) {
    return send("PUT", path, body);
  }

  /** Polls an {@code Azure-AsyncOperation} URL until terminal (10 s at most); returns the status body. */
  public JsonNode await(String asyncOperationUrl) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = get(asyncOperationUrl).json();
      if (!status.path("status").asText().equals("InProgress")) {
        return status;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("operation did not finish in 10 s: " + asyncOperationUrl);
  }

  @Override
  public void close() {
    controlPlane.close();
  }
}
