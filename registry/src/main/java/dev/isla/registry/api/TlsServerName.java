package dev.isla.registry.api;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PlainSocket;
import io.helidon.common.socket.TlsNioSocket;
import io.helidon.common.socket.TlsSocket;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerRequest;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The host name a TLS client asked for in its handshake (SNI), so that a request whose
 * {@code Host} names another registry can be refused (RFC 9110 §15.5.20, {@code 421}). Helidon
 * 4.5 keeps the TLS session private, so it is reached as {@link ZeroCopySend} reaches the
 * channel: the HTTP/1 request's connection, then the NIO TLS socket's {@link SSLEngine} (or the
 * blocking TLS socket's {@link SSLSocket}), fields looked up once. When
 * those fields are missing (another Helidon), no name is known and the check is skipped, which
 * the component tests would notice.
 */
final class TlsServerName {

  private static final Logger LOG = Logger.getLogger(TlsServerName.class.getName());
  private static final Optional<TlsServerName> INSTANCE = lookUp();

  private final Field context;
  private final Field socket;
  private final Field engine;

  private TlsServerName(Field context, Field socket, Field engine) {
    this.context = context;
    this.socket = socket;
    this.engine = engine;
  }

  private static Optional<TlsServerName> lookUp() {
    try {
      Field context = Class.forName("io.helidon.webserver.http1.Http1ServerRequest")
          .getDeclaredField("ctx");
      Field socket = PlainSocket.class.getDeclaredField("delegate");
      Field engine = TlsNioSocket.class.getDeclaredField("engine");
      context.setAccessible(true);
      socket.setAccessible(true);
      engine.setAccessible(true);
      return Optional.of(new TlsServerName(context, socket, engine));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "TLS server names (SNI) are not visible to the registry; requests"
          + " are not checked against them", e);
      return Optional.empty();
    }
  }

  /** The SNI host name of {@code request}'s connection, lower case; empty on plain HTTP. */
  static Optional<String> of(ServerRequest request) {
    if (!request.isSecure()) {
      return Optional.empty();
    }
    return INSTANCE.flatMap(i -> i.serverName(request));
  }

  private Optional<String> serverName(ServerRequest request) {
    try {
      if (!context.getDeclaringClass().isInstance(request)) {
        return Optional.empty();
      }
      HelidonSocket helidonSocket = ((ConnectionContext) context.get(request)).serverSocket();
      SSLSession session;
      if (helidonSocket instanceof TlsNioSocket
          && engine.get(helidonSocket) instanceof SSLEngine e) {
        session = e.getSession();
      } else if (helidonSocket instanceof TlsSocket
          && socket.get(helidonSocket) instanceof SSLSocket ssl) {
        session = ssl.getSession();
      } else {
        return Optional.empty();
      }
      if (!(session instanceof ExtendedSSLSession extended)) {
        return Optional.empty();
      }
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          return Optional.of(host.getAsciiName().toLowerCase(Locale.ROOT));
        }
      }
      return Optional.empty();
    } catch (IllegalAccessException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
