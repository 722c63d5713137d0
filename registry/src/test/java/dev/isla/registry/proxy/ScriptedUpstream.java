package dev.isla.registry.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.isla.registry.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A fake upstream registry for fault tests: serves manifests and blobs it was given, logs every
 * request ({@code METHOD path}), and can be told to misbehave per blob or manifest — corrupt a
 * byte, truncate, stall, drop the connection, or hold the body until released —, to answer a
 * scripted status with headers ({@code 503} with {@code Retry-After}…), to challenge with a
 * broken token realm, to be down (connection refused) and up again on the same port, or to
 * require the anonymous Bearer token flow.
 */
final class ScriptedUpstream implements AutoCloseable {

  /** How a blob is served. */
  enum Fault { NONE, CORRUPT, TRUNCATE, STALL, DROP, HOLD }

  /** A scripted answer instead of the content: a status with headers and an error body. */
  record Answer(int status, Map<String, String> headers, long delayMillis) {
    Answer(int status, Map<String, String> headers) {
      this(status, headers, 0);
    }
  }

  private volatile HttpServer server;
  private final int port;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private volatile String brokenRealm;
  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<Digest, Fault> faults = new ConcurrentHashMap<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch release = new CountDownLatch(1);
  private volatile boolean tokens;

  ScriptedUpstream() throws IOException {
    server = listen(0);
    port = server.getAddress().getPort();
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
    listening.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    listening.createContext("/", this::handle);
    listening.start();
    return listening;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  void down() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  void up() throws IOException {
    server = listen(port);
  }

  /**
   * Answers every request whose last path segment is {@code reference} (a tag or digest; "*"
   * for all but the token endpoint) with {@code answer} until {@link #healAll()}.
   */
  void answer(String reference, Answer answer) {
    answers.put(reference, answer);
  }

  /** Challenges every unauthenticated request with a Bearer challenge naming {@code realm}. */
  void brokenRealm(String realm) {
    brokenRealm = realm;
  }

  /** Ends every scripted fault: answers, blob faults, the broken realm. */
  void healAll() {
    answers.clear();
    faults.clear();
    brokenRealm = null;
  }

  void manifest(String repository, String reference, String mediaType, byte[] bytes) {
    String digest = Digest.sha256(bytes).toString();
    manifests.put(repository + "@" + reference, bytes);
    manifests.put(repository + "@" + digest, bytes);
    manifestTypes.put(repository + "@" + reference, mediaType);
    manifestTypes.put(repository + "@" + digest, mediaType);
  }

  void blob(String repository, byte[] bytes) {
    blobs.put(repository + "@" + Digest.sha256(bytes), bytes);
  }

  void fault(Digest digest, Fault fault) {
    faults.put(digest, fault);
  }

  void heal(Digest digest) {
    faults.remove(digest);
  }

  /** Lets held bodies ({@link Fault#HOLD}) go. */
  void release() {
    release.countDown();
  }

  void requireTokens() {
    tokens = true;
  }

  List<String> log() {
    return List.copyOf(log);
  }

  long count(String prefix) {
    return log.stream().filter(line -> line.startsWith(prefix)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      log.add(method + " " + path);
      if (path.equals("/token")) {
        send(exchange, 200, "application/json", "{\"token\":\"t0k\",\"expires_in\":300}"
            .getBytes());
        return;
      }
      if (tokens && !"Bearer t0k".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + base()
            + "/token\",service=\"upstream\",scope=\"repository:x:pull\"");
        send(exchange, 401, "application/json", "{\"errors\":[]}".getBytes());
        return;
      }
      if (brokenRealm != null) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + brokenRealm
            + "\",service=\"upstream\"");
        send(exchange, 401, "application/json", "{\"errors\":[]}".getBytes());
        return;
      }
      Answer answer = answers.getOrDefault(path.substring(path.lastIndexOf('/') + 1),
          answers.get("*"));
      if (answer != null) {
        sleep(answer.delayMillis());
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        send(exchange, answer.status(), "application/json",
            "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"scripted\"}]}".getBytes());
        return;
      }
      int manifestAt = path.indexOf("/manifests/");
      int blobAt = path.indexOf("/blobs/");
      if (manifestAt > 0) {
        String key = path.substring(4, manifestAt) + "@" + path.substring(manifestAt + 11);
        serveManifest(exchange, key, method.equals("HEAD"));
      } else if (blobAt > 0) {
        String key = path.substring(4, blobAt) + "@" + path.substring(blobAt + 7);
        serveBlob(exchange, key);
      } else {
        send(exchange, 404, "application/json", "{}".getBytes());
      }
    }
  }

  private void serveManifest(HttpExchange exchange, String key, boolean head) throws IOException {
    byte[] bytes = manifests.get(key);
    if (bytes == null) {
      send(exchange, 404, "application/json", "{\"errors\":[]}".getBytes());
      return;
    }
    exchange.getResponseHeaders().add("Docker-Content-Digest", Digest.sha256(bytes).toString());
    exchange.getResponseHeaders().add("Content-Type", manifestTypes.get(key));
    if (head) {
      exchange.getResponseHeaders().add("Content-Length", "" + bytes.length);
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    Fault fault = faults.getOrDefault(Digest.sha256(bytes), Fault.NONE);
    if (fault == Fault.NONE) {
      send(exchange, 200, manifestTypes.get(key), bytes);
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", manifestTypes.get(key));
    writeFaulty(exchange, bytes, fault);
  }

  private void serveBlob(HttpExchange exchange, String key) throws IOException {
    byte[] bytes = blobs.get(key);
    if (bytes == null) {
      send(exchange, 404, "application/json", "{\"errors\":[]}".getBytes());
      return;
    }
    Fault fault = faults.getOrDefault(Digest.sha256(bytes), Fault.NONE);
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    writeFaulty(exchange, bytes, fault);
  }

  /** Sends half the body, then does what {@code fault} says with the rest. */
  private void writeFaulty(HttpExchange exchange, byte[] bytes, Fault fault) throws IOException {
    exchange.sendResponseHeaders(200, bytes.length);
    OutputStream out = exchange.getResponseBody();
    int half = bytes.length / 2;
    out.write(bytes, 0, half);
    out.flush();
    switch (fault) {
      case NONE -> out.write(bytes, half, bytes.length - half);
      case CORRUPT -> {
        byte[] rest = java.util.Arrays.copyOfRange(bytes, half, bytes.length);
        rest[rest.length - 1] ^= 1;
        out.write(rest);
      }
      case TRUNCATE, DROP -> {
        out.write(bytes, half, (bytes.length - half) / 2);
        out.flush();
        throw new IOException("scripted drop");
      }
      case STALL -> sleep(60_000);
      case HOLD -> {
        awaitRelease();
        out.write(bytes, half, bytes.length - half);
      }
    }
  }

  private void awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    try {
      server.stop(0);
    } catch (IllegalStateException alreadyStopped) {
      // down() stopped it already
    }
  }
}
