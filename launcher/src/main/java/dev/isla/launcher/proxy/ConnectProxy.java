package dev.isla.launcher.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP {@code CONNECT} proxy on loopback: host tools ({@code HTTPS_PROXY}) reach names that
 * do not resolve on the host — {@code <registry>.azurecr.io} — through it. It reads one request
 * head, asks {@link ProxyTargets} where the target leads, and either tunnels bytes both ways to
 * that loopback listener (TLS stays end to end: the proxy sees no plaintext) or answers:
 * <ul>
 *   <li>400 for a request line or head it cannot read (no {@code host:port}, bad port, a head
 *       over {@link #MAX_HEAD_BYTES} or not finished within {@link Settings#headTimeout});
 *   <li>405 for any method but {@code CONNECT} (it forwards no plain HTTP);
 *   <li>403 for a target {@link ProxyTargets} refuses, or one that is not on loopback;
 *   <li>502 when the target does not answer; 503 when {@link Settings#maxConnections} are open.
 * </ul>
 * Every answer is {@code text/plain} naming the cause, then the connection closes. One virtual
 * thread per connection and one more per tunnel direction; an idle tunnel closes after
 * {@link Settings#idleTimeout}.
 */
public final class ConnectProxy implements AutoCloseable {

  /** Largest request head read (request line and headers). */
  public static final int MAX_HEAD_BYTES = 8192;

  private static final Logger LOG = Logger.getLogger(ConnectProxy.class.getName());
  private static final Pattern REQUEST_LINE =
      Pattern.compile("([A-Za-z]+) (\\S+) HTTP/1\\.[01]");
  private static final Pattern AUTHORITY =
      Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([A-Za-z0-9.-]+)):(\\d{1,5})");

  /** Bounds: how long a head may take, how long a tunnel may idle, how many connections. */
  public record Settings(Duration headTimeout, Duration idleTimeout, Duration connectTimeout,
      int maxConnections) {
    public Settings {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1");
      }
    }

    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(5), 256);
    }
  }

  private final ServerSocket server;
  private final ProxyTargets targets;
  private final Settings settings;
  private final Semaphore slots;
  private final ProxiedConnections tunnels;

  /** Listens on {@code host} (a loopback address), port {@code port} (0: a free one). */
  public ConnectProxy(String host, int port, ProxyTargets targets, Settings settings) {
    this(host, port, targets, settings, new ProxiedConnections());
  }

  /** As above, recording its open tunnels in {@code tunnels} for the listeners it reaches. */
  public ConnectProxy(String host, int port, ProxyTargets targets, Settings settings,
      ProxiedConnections tunnels) {
    this.tunnels = tunnels;
    this.targets = targets;
    this.settings = settings;
    this.slots = new Semaphore(settings.maxConnections());
    try {
      InetAddress address = InetAddress.getByName(host);
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException("the proxy listens on loopback only, not " + host);
      }
      this.server = new ServerSocket(port, 128, address);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
    Thread.ofVirtual().name("connect-proxy-accept").start(this::acceptLoop);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** {@code http://127.0.0.1:PORT}, for {@code HTTPS_PROXY}. */
  public String url() {
    return "http://" + address().getAddress().getHostAddress() + ":" + address().getPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread.ofVirtual().name("connect-proxy").start(() -> serve(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warning("proxy accept failed: " + e.getMessage());
        }
      }
    }
  }

  private void serve(Socket client) {
    if (!slots.tryAcquire()) {
      answerAndClose(client, 503, "Service Unavailable", "Isla's proxy has "
          + settings.maxConnections() + " connections open; try again");
      return;
    }
    try {
      client.setSoTimeout((int) settings.headTimeout().toMillis());
      Head head = readHead(client.getInputStream());
      Socket upstream = open(head);
      InetSocketAddress local = (InetSocketAddress) upstream.getLocalSocketAddress();
      try (upstream) {
        OutputStream out = client.getOutputStream();
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(head.rest());
        out.flush();
        tunnel(client, upstream);
      } finally {
        tunnels.remove(local);
      }
    } catch (Refusal r) {
      LOG.fine(() -> "proxy refused " + client.getRemoteSocketAddress() + ": " + r.status + " " + r.getMessage());
      answer(client, r.status, r.phrase, r.getMessage());
    } catch (IOException e) {
      // The client or the target went away: nothing is left to answer.
    } finally {
      closeQuietly(client);
      slots.release();
    }
  }

  /** The request head, and any bytes the client sent after it (e.g. a TLS ClientHello). */
  private record Head(String host, int port, byte[] rest) {}

  private Head readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[1024];
    int end;
    try {
      while ((end = headEnd(buf.toByteArray())) < 0) {
        int n = in.read(chunk);
        if (n < 0) {
          throw new Refusal(400, "Bad Request", "the request head ended before its blank line");
        }
        buf.write(chunk, 0, n);
        if (buf.size() > MAX_HEAD_BYTES && headEnd(buf.toByteArray()) < 0) {
          throw new Refusal(400, "Bad Request", "the request head is over " + MAX_HEAD_BYTES + " bytes");
        }
      }
    } catch (SocketTimeoutException e) {
      throw new Refusal(400, "Bad Request", "the request head did not arrive within "
          + settings.headTimeout().toSeconds() + " s");
    }
    if (end > MAX_HEAD_BYTES) {
      throw new Refusal(400, "Bad Request", "the request head is over " + MAX_HEAD_BYTES + " bytes");
    }
    byte[] all = buf.toByteArray();
    String text = new String(all, 0, end, StandardCharsets.ISO_8859_1);
    String line = text.lines().findFirst().orElse("");
    byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    return parse(line, rest);
  }

  private static Head parse(String line, byte[] rest) {
    Matcher m = REQUEST_LINE.matcher(line);
    if (!m.matches()) {
      throw new Refusal(400, "Bad Request", "not an HTTP/1.x request line: '" + printable(line) + "'");
    }
    if (!m.group(1).equals("CONNECT")) {
      throw new Refusal(405, "Method Not Allowed", "Isla's proxy only tunnels (CONNECT host:443); "
          + m.group(1) + " is not forwarded");
    }
    Matcher a = AUTHORITY.matcher(m.group(2));
    if (!a.matches()) {
      throw new Refusal(400, "Bad Request", "CONNECT needs host:port, not '" + printable(m.group(2)) + "'");
    }
    int port = Integer.parseInt(a.group(3));
    if (port < 1 || port > 65535) {
      throw new Refusal(400, "Bad Request", "port " + port + " is out of range");
    }
    String host = (a.group(1) != null ? a.group(1) : a.group(2)).toLowerCase(Locale.ROOT);
    return new Head(host, port, rest);
  }

  private Socket open(Head head) throws IOException {
    InetSocketAddress target = switch (targets.resolve(head.host(), head.port())) {
      case ProxyTargets.Decision.Refuse r -> throw new Refusal(403, "Forbidden", r.reason());
      case ProxyTargets.Decision.Tunnel t -> t.address();
    };
    if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
      throw new Refusal(403, "Forbidden", "Isla's proxy dials loopback only; " + head.host()
          + " leads to " + target);
    }
    Socket upstream = new Socket();
    try {
      // Bound first, so the listener already knows the tunnel when the connection arrives.
      upstream.bind(new InetSocketAddress(target.getAddress(), 0));
      tunnels.add((InetSocketAddress) upstream.getLocalSocketAddress());
      upstream.connect(target, (int) settings.connectTimeout().toMillis());
      return upstream;
    } catch (IOException e) {
      if (upstream.getLocalSocketAddress() instanceof InetSocketAddress bound) {
        tunnels.remove(bound);
      }
      upstream.close();
      throw new Refusal(502, "Bad Gateway", head.host() + ":" + head.port()
          + " is served by Isla but its listener did not answer: " + e.getMessage());
    }
  }

  private void tunnel(Socket client, Socket upstream) throws IOException {
    int idle = (int) settings.idleTimeout().toMillis();
    client.setSoTimeout(idle);
    upstream.setSoTimeout(idle);
    Thread up = Thread.ofVirtual().name("connect-proxy-up").start(() -> pump(client, upstream));
    pump(upstream, client);
    try {
      up.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Copies until end of stream, error or idleness, then half-closes the other side. */
  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static int headEnd(byte[] b) {
    for (int i = 0; i + 3 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String printable(String s) {
    String cut = s.length() > 100 ? s.substring(0, 100) + "…" : s;
    return cut.replaceAll("[^\\x20-\\x7e…]", "?");
  }

  private static void answerAndClose(Socket client, int status, String phrase, String body) {
    try (client) {
      answer(client, status, phrase, body);
    } catch (IOException e) {
      // Closing a socket that failed already.
    }
  }

  private static void answer(Socket client, int status, String phrase, String body) {
    byte[] text = ("isla proxy: " + body + "\n").getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + phrase + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + text.length + "\r\nConnection: close\r\n\r\n";
    try {
      OutputStream out = client.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(text);
      out.flush();
    } catch (IOException e) {
      // The client left before its answer.
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** An answer other than a tunnel. */
  private static final class Refusal extends RuntimeException {
    private final int status;
    private final String phrase;

    Refusal(int status, String phrase, String message) {
      super(message, null, false, false);
      this.status = status;
      this.phrase = phrase;
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing is best effort.
    }
  }
}
