package dev.isla.registry.api;

import dev.isla.registry.auth.AccessRequest.Action;

/** Routes an {@link Exchange} to its handler by endpoint kind. */
final class Dispatcher {

  private final BlobHandler blobs;
  private final UploadHandler uploads;
  private final ManifestHandler manifests;
  private final ListHandler lists;
  private final ReferrersHandler referrers;

  Dispatcher(BlobHandler blobs, UploadHandler uploads, ManifestHandler manifests,
      ListHandler lists, ReferrersHandler referrers) {
    this.blobs = blobs;
    this.uploads = uploads;
    this.manifests = manifests;
    this.lists = lists;
    this.referrers = referrers;
  }

  void dispatch(Exchange exchange) {
    switch (exchange.route().kind()) {
      case BASE -> {
        requireRead(exchange);
        ping(exchange.method(), exchange.response());
      }
      case CATALOG -> lists.catalog(exchange);
      case TAGS -> lists.tags(exchange);
      case MANIFEST -> manifests.handle(exchange);
      case BLOB -> blobs.handle(exchange);
      case UPLOADS -> uploads.start(exchange);
      case UPLOAD -> uploads.session(exchange);
      case REFERRERS -> referrers.handle(exchange);
    }
  }

  /** The API version check's answer ({@code GET /v2/}): {@code 200 {}}. */
  static void ping(String method, io.helidon.webserver.http.ServerResponse response) {
    String m = method.toUpperCase(java.util.Locale.ROOT);
    if (!m.equals("GET") && !m.equals("HEAD")) {
      throw RegistryErrorCode.UNSUPPORTED.exception(m + " is not supported on /v2/");
    }
    response.header("Content-Type", "application/json; charset=utf-8");
    response.header("Content-Length", "2");
    if (m.equals("HEAD")) {
      response.send();
    } else {
      response.send("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** The action a request asks for, for the access policy. */
  static Action action(Exchange exchange) {
    return switch (exchange.route().kind()) {
      case BASE -> Action.PING;
      case CATALOG -> Action.CATALOG;
      default -> switch (exchange.method()) {
        case "GET", "HEAD" -> Action.PULL;
        case "DELETE" -> Action.DELETE;
        default -> Action.PUSH;
      };
    };
  }

  static void requireRead(Exchange exchange) {
    if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
      throw unsupported(exchange);
    }
  }

  static RegistryException unsupported(Exchange exchange) {
    return RegistryErrorCode.UNSUPPORTED.exception(exchange.method() + " is not supported on "
        + exchange.request().path().rawPath());
  }
}
