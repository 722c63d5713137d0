package dev.isla.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for component tests: every request goes to 127.0.0.1 with the
 * {@code Host} of the registry under test (virtual hosting), exactly as given (no redirects).
 */
public final class OciClient {

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final int port;
  private final String host;

  public OciClient(int port, String host) {
    this.port = port;
    this.host = host;
  }

  /** The same server, another {@code Host}. */
  public OciClient withHost(String otherHost) {
    return new OciClient(port, otherHost);
  }

  public HttpResponse<byte[]> get(String path, String... headers) {
    return send("GET", path, new byte[0], headers);
  }

  public HttpResponse<byte[]> head(String path, String... headers) {
    return send("HEAD", path, new byte[0], headers);
  }

  public HttpResponse<byte[]> delete(String path, String... headers) {
    return send("DELETE", path, new byte[0], headers);
  }

  public HttpResponse<byte[]> post(String path, byte[] body, String... headers) {
    return send("POST", path, body, headers);
  }

  public HttpResponse<byte[]> put(String path, byte[] body, String... headers) {
    return send("PUT", path, body, headers);
  }

  public HttpResponse<byte[]> patch(String path, byte[] body, String... headers) {
    return send("PATCH", path, body, headers);
  }

  /** Sends {@code method path} with header name/value pairs. */
  public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + path))
        .timeout(Duration.ofSeconds(30))
        .header("Host", host)
        .method(method, body.length == 0 && !method.equals("PUT") && !method.equals("PATCH")
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
