package dev.isla.nodes.net;

import dev.isla.fabric.Fabric;
import dev.isla.fabric.address.LogicalAddress;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A node's network stack: names resolve through {@link NodeResolver}, connections open with
 * {@link Fabric#connect} from the node's position — a logical address is never dialled.
 *
 * <p>{@code https} URLs speak TLS when a context is given (wrapping the fabric's socket, with
 * the URL's host as SNI and for hostname verification); without one they speak plain HTTP to the
 * same port 443, for registries served without TLS (docs/DEVIATIONS.md).
 */
public final class NodeNetwork {

  /**
   * Timeouts and TLS.
   *
   * @param connectTimeout how long an unreachable destination keeps a connect waiting
   * @param readTimeout the longest wait for any read
   * @param tls the trust for {@code https}; empty: plain HTTP on the https port
   */
  public record Settings(Duration connectTimeout, Duration readTimeout, Optional<SSLContext> tls) {

    public static Settings plain(Duration connectTimeout, Duration readTimeout) {
      return new Settings(connectTimeout, readTimeout, Optional.empty());
    }
  }

  private final Fabric fabric;
  private final String nodeId;
  private final Settings settings;
  private final NodeResolver resolver;

  public NodeNetwork(Fabric fabric, String nodeId, Settings settings) {
    this.fabric = fabric;
    this.nodeId = nodeId;
    this.settings = settings;
    this.resolver = new NodeResolver(fabric, nodeId, settings.connectTimeout());
  }

  public String nodeId() {
    return nodeId;
  }

  public NodeResolver resolver() {
    return resolver;
  }

  public Settings settings() {
    return settings;
  }

  /** The same stack with both timeouts set to {@code timeout} (curl's {@code --max-time}). */
  public NodeNetwork withTimeout(Duration timeout) {
    return new NodeNetwork(fabric, nodeId, new Settings(timeout, timeout, settings.tls()));
  }

  /**
   * Resolves the URL's host and opens a connection to it (TLS for {@code https} when configured).
   *
   * @throws UnresolvedHostException when the name has no address
   * @throws IOException the fabric's refusal ({@link dev.isla.fabric.RefusedByFabric}) or a
   *     TLS failure
   */
  public Socket open(Url url) throws IOException {
    LogicalAddress address = resolver.address(url.host());
    Socket socket = fabric.connect(nodeId, address, url.port(), settings.connectTimeout());
    socket.setSoTimeout((int) settings.readTimeout().toMillis());
    if (!url.secure() || settings.tls().isEmpty()) {
      return socket;
    }
    SSLSocket tls = (SSLSocket) settings.tls().get().getSocketFactory()
        .createSocket(socket, url.host(), url.port(), true);
    var params = tls.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(params);
    tls.startHandshake();
    return tls;
  }
}
