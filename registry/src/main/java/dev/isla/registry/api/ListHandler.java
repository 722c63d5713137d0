package dev.isla.registry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.registry.storage.RepositoryId;
import dev.isla.registry.storage.RepositoryStore;
import dev.isla.registry.storage.TagStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code /v2/<name>/tags/list} and {@code /v2/_catalog}, paginated ({@link Pagination}). */
final class ListHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TagStore tags;
  private final RepositoryStore repositories;

  ListHandler(TagStore tags, RepositoryStore repositories) {
    this.tags = tags;
    this.repositories = repositories;
  }

  void tags(Exchange exchange) {
    Dispatcher.requireRead(exchange);
    RepositoryId repository = exchange.repository();
    Pagination pagination = Pagination.parse(exchange);
    List<String> all = tags.list(repository);
    if (all.isEmpty() && !repositories.exists(repository)) {
      throw RegistryErrorCode.NAME_UNKNOWN.exception("repository " + repository.name()
          + " does not exist");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("name", exchange.route().nameUnderRoot());
    List<String> page = pagination.page(all, exchange, exchange.route().repositoryPath()
        + "/tags/list");
    page.forEach(body.putArray("tags")::add);
    send(exchange, body);
  }

  void catalog(Exchange exchange) {
    Dispatcher.requireRead(exchange);
    Pagination pagination = Pagination.parse(exchange);
    List<String> page = pagination.page(repositories.list(exchange.registry().key()), exchange,
        exchange.route().apiRoot() + "/_catalog");
    ObjectNode body = JSON.createObjectNode();
    page.forEach(body.putArray("repositories")::add);
    send(exchange, body);
  }

  static void send(Exchange exchange, ObjectNode body) {
    send(exchange, body, "application/json; charset=utf-8");
  }

  static void send(Exchange exchange, ObjectNode body, String contentType) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    exchange.header("Content-Type", contentType);
    exchange.header("Content-Length", Integer.toString(bytes.length));
    if (exchange.isHead()) {
      exchange.response().send();
    } else {
      exchange.response().send(bytes);
    }
  }
}
