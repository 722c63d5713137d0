package dev.isla.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scripted ARM endpoint on port 0 that records every request. */
final class FakeArm implements AutoCloseable {

  record Request(String method, String uri, String body) {}

  record Reply(int status, String body, Map<String, String> headers) {}

  private record Rule(String method, String pathPrefix, List<Reply> replies) {}

  private final HttpServer server;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeArm() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String uri = exchange.getRequestURI().toString();
      requests.add(new Request(exchange.getRequestMethod(), uri, body));
      Reply reply = next(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v.replace("{base}",
          url())));
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Answers requests for exactly this path (or below it when it ends in '/'); replies are used in
   * order, the last repeats.
   */
  FakeArm on(String method, String pathPrefix, Reply... replies) {
    rules.addFirst(new Rule(method, pathPrefix.toLowerCase(), new ArrayList<>(List.of(replies))));
    return this;
  }

  static Reply json(int status, String body, String... headerPairs) {
    java.util.LinkedHashMap<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return new Reply(status, body, headers);
  }

  private synchronized Reply next(String method, String path) {
    for (Rule rule : rules) {
      String p = path.toLowerCase();
      boolean match = rule.pathPrefix().endsWith("/") ? p.startsWith(rule.pathPrefix())
          : p.equals(rule.pathPrefix());
      if (rule.method().equals(method) && match) {
        return rule.replies().size() > 1 ? rule.replies().removeFirst() : rule.replies().getFirst();
      }
    }
    return json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no rule for " + method + " "
        + path + "\"}}");
  }

  List<Request> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
