package dev.isla.nodes.command;

import dev.isla.nodes.CommandOutput;
import dev.isla.nodes.net.NodeHttpClient;
import dev.isla.nodes.net.NodeNetwork;
import dev.isla.nodes.net.Request;
import dev.isla.nodes.net.Response;
import dev.isla.nodes.net.Url;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * {@code curl [-sS] [-I] [-f] [-L] [-k] [--max-time N] URL} with curl 8's messages and exit
 * codes: 6 could not resolve, 7 could not connect, 28 timed out, 22 with {@code -f} on a status
 * of 400 or more, 60 certificate not accepted, 35 other TLS failure, 0 otherwise. {@code -s} silences errors unless {@code -S}. The
 * body (or with {@code -I} the status line and headers) is printed, at most 1 MiB.
 */
final class CurlCommand {

  private static final int MAX_BODY = 1024 * 1024;

  private final NodeNetwork network;
  private boolean silent;
  private boolean showErrors;
  private boolean head;
  private boolean fail;
  private boolean follow;
  private Optional<Duration> maxTime = Optional.empty();

  CurlCommand(NodeNetwork network) {
    this.network = network;
  }

  CommandOutput run(List<String> args) {
    Optional<String> target;
    try {
      target = options(args);
    } catch (IllegalArgumentException e) {
      return new CommandOutput(2, "curl: " + e.getMessage() + "\n");
    }
    if (target.isEmpty()) {
      return new CommandOutput(2, "curl: no URL specified\n");
    }
    Url url;
    try {
      url = Url.parse(target.get().contains("://") ? target.get() : "http://" + target.get());
    } catch (IllegalArgumentException e) {
      return error(3, "URL rejected: Malformed input to a URL function");
    }
    return fetch(url);
  }

  private CommandOutput fetch(Url url) {
    NodeNetwork net = maxTime.map(network::withTimeout).orElse(network);
    long started = System.nanoTime();
    Request request = head ? Request.head(url, "User-Agent", "curl/8.5.0", "Accept", "*/*")
        : Request.get(url, "User-Agent", "curl/8.5.0", "Accept", "*/*");
    try (Response r = new NodeHttpClient(net).send(request, follow)) {
      if (fail && r.status() >= 400) {
        return error(22, "The requested URL returned error: " + r.status());
      }
      return new CommandOutput(0, head ? headers(r) : r.text(MAX_BODY));
    } catch (UnknownHostException e) {
      return error(6, "Could not resolve host: " + url.host());
    } catch (SocketTimeoutException e) {
      long ms = elapsed(started);
      return error(28, maxTime.isPresent() ? "Connection timed out after " + ms + " milliseconds"
          : "Failed to connect to " + url.host() + " port " + url.port() + " after " + ms
              + " ms: Timeout was reached");
    } catch (ConnectException e) {
      return error(7, "Failed to connect to " + url.host() + " port " + url.port() + " after "
          + elapsed(started) + " ms: Couldn't connect to server");
    } catch (SSLException e) {
      return tlsError(e, url);
    } catch (IOException e) {
      return error(56, "Recv failure: " + e.getMessage());
    }
  }

  /** curl 8: 60 for a certificate it does not accept, 35 for any other handshake failure. */
  private CommandOutput tlsError(SSLException e, Url url) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException c) {
        return error(60, String.valueOf(c.getMessage()).contains("subject alternative")
            ? "SSL: no alternative certificate subject name matches target host name '"
                + url.host() + "'"
            : "SSL certificate problem: unable to get local issuer certificate");
      }
    }
    return error(35, "TLS connect error: " + e.getMessage());
  }

  private Optional<String> options(List<String> args) {
    Optional<String> url = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--max-time") || a.equals("-m")) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("option " + a + ": requires parameter");
        }
        maxTime = Optional.of(seconds(args.get(++i)));
      } else if (a.startsWith("--")) {
        longOption(a);
      } else if (a.startsWith("-") && a.length() > 1) {
        a.substring(1).chars().forEach(c -> shortOption((char) c));
      } else {
        url = Optional.of(a);
      }
    }
    return url;
  }

  private void longOption(String a) {
    switch (a) {
      case "--silent" -> silent = true;
      case "--show-error" -> showErrors = true;
      case "--head" -> head = true;
      case "--fail" -> fail = true;
      case "--location" -> follow = true;
      case "--insecure" -> { }
      default -> throw new IllegalArgumentException("option " + a + ": is unknown");
    }
  }

  private void shortOption(char c) {
    switch (c) {
      case 's' -> silent = true;
      case 'S' -> showErrors = true;
      case 'I' -> head = true;
      case 'f' -> fail = true;
      case 'L' -> follow = true;
      case 'k', 'v' -> { }
      default -> throw new IllegalArgumentException("option -" + c + ": is unknown");
    }
  }

  private static Duration seconds(String value) {
    try {
      return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --max-time: expected a proper numerical parameter");
    }
  }

  private CommandOutput error(int code, String message) {
    boolean print = !silent || showErrors;
    return new CommandOutput(code, print ? "curl: (" + code + ") " + message + "\n" : "");
  }

  private static String headers(Response r) {
    StringBuilder out = new StringBuilder("HTTP/1.1 ").append(r.status())
        .append(r.reason().isEmpty() ? "" : " " + r.reason()).append("\r\n");
    r.headers().forEach((name, values) ->
        values.forEach(v -> out.append(name).append(": ").append(v).append("\r\n")));
    return out.append("\r\n").toString();
  }

  private static long elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }
}
