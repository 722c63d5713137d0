package dev.isla.nodes.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Set;

/**
 * A small HTTP/1.1 client over a node's {@link NodeNetwork} (Java's {@code HttpClient} cannot
 * take a socket from the fabric). One connection per request ({@code Connection: close});
 * bodies stream, framed by {@code Content-Length}, chunks or the connection's end. Redirects of
 * {@code GET}/{@code HEAD} are followed (at most {@value #MAX_REDIRECTS}), resolving the new host
 * through the VNet's DNS as well — the registry sends blobs to its data endpoint.
 */
public final class NodeHttpClient {

  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final NodeNetwork network;

  public NodeHttpClient(NodeNetwork network) {
    this.network = network;
  }

  public NodeNetwork network() {
    return network;
  }

  /**
   * Sends the request and returns the final response, its body unread; the caller closes it.
   *
   * @throws IOException resolution, connection (the fabric's refusal) or protocol failures
   */
  public Response send(Request request) throws IOException {
    return send(request, true);
  }

  /** Sends the request, following redirects only when asked (curl without {@code -L}). */
  public Response send(Request request, boolean followRedirects) throws IOException {
    Request current = request;
    for (int hop = 0; ; hop++) {
      Response response = exchange(current);
      boolean follow = followRedirects && REDIRECTS.contains(response.status()) && hop < MAX_REDIRECTS
          && (current.method().equals("GET") || current.method().equals("HEAD"));
      if (!follow || response.header("location").isEmpty()) {
        return response;
      }
      response.close();
      current = current.redirectedTo(current.url().resolve(response.header("location").get()));
    }
  }

  private Response exchange(Request request) throws IOException {
    Socket socket = network.open(request.url());
    try {
      var out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      HttpWire.writeRequest(out, request, request.url());
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      HttpWire.Head head = HttpWire.readHead(in);
      InputStream body = HttpWire.body(in, request.method(), head);
      return new Response(request.url(), head.status(), head.reason(), head.headers(),
          new ClosingStream(body, socket));
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Closes the connection with the body. */
  private static final class ClosingStream extends FilterInputStream {
    private final Socket socket;

    ClosingStream(InputStream body, Socket socket) {
      super(body);
      this.socket = socket;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
